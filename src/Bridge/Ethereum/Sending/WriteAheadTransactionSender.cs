using System.Numerics;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Bridge.Ethereum.Sending;

/// <summary>
/// Sends transactions so that a process killed at any instant resumes without doing anything twice:
/// the signed bytes and hash are stored before <c>eth_sendRawTransaction</c>; on restart a record is
/// reconciled with the chain: mined or reverted (final), pending (wait), dropped (send the same bytes
/// again), or its nonce taken by a foreign transaction, mined or pending (held for an operator).
/// One sender per account at a time: the nonce choice assumes nobody else sends for it concurrently.
/// </summary>
public sealed class WriteAheadTransactionSender(ITransactionChain chain, ITransactionRecordStore store, TimeProvider timeProvider)
{
    /// <summary>
    /// Sends the transaction of intent <paramref name="key"/> once. When a record for the key exists it
    /// is reconciled instead, so calling again after a crash never signs a second transaction.
    /// <paramref name="sign"/> receives the nonce to use and returns the signed transaction.
    /// </summary>
    public async Task<SendResult> SendAsync(string key, Address sender, BigInteger chainId, Func<ulong, SignedTransaction> sign, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(sign);
        var existing = await store.FindAsync(key, cancellationToken);
        if (existing is not null) return await ReconcileAsync(existing, cancellationToken);

        var pending = await chain.GetTransactionCountAsync(sender, BlockTag.Pending, cancellationToken);
        // Our own open records count too: the node may have dropped one we still intend to resend at its nonce.
        var open = await store.ListOpenAsync(sender, chainId, cancellationToken);
        var nonce = open.Count == 0 ? pending : Math.Max(pending, open.Max(r => r.Nonce) + 1);
        var signed = sign(nonce);
        if (signed.Nonce != nonce) throw new InvalidOperationException($"{key}: signed with nonce {signed.Nonce}, asked for {nonce}");
        if (signed.ChainId != chainId) throw new InvalidOperationException($"{key}: signed for chain {signed.ChainId}, expected {chainId}");
        if (signed.Sender() != sender) throw new InvalidOperationException($"{key}: signed by {signed.Sender()}, expected {sender}");

        var record = new TransactionRecord(key, chainId, sender, nonce, signed.Hash, signed.RawBytes, TransactionRecordState.Signed, null, null, timeProvider.GetUtcNow());
        await store.SaveAsync(record, cancellationToken);
        return await SubmitAsync(record, SendOutcome.Sent, cancellationToken);
    }

    /// <summary>Reconciles the record of <paramref name="key"/>; throws when there is none.</summary>
    public async Task<SendResult> ReconcileAsync(string key, CancellationToken cancellationToken = default)
    {
        var record = await store.FindAsync(key, cancellationToken) ?? throw new InvalidOperationException($"{key}: no transaction record");
        return await ReconcileAsync(record, cancellationToken);
    }

    /// <summary>Compares a stored record with the chain and takes the one safe step it allows.</summary>
    public async Task<SendResult> ReconcileAsync(TransactionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        switch (record.State)
        {
            case TransactionRecordState.Mined: return new SendResult(SendOutcome.Mined, record);
            case TransactionRecordState.Reverted: return new SendResult(SendOutcome.Reverted, record);
            case TransactionRecordState.Held: return new SendResult(SendOutcome.Held, record);
        }
        if (await FinishIfMinedAsync(record, cancellationToken) is { } mined) return mined;
        if (await chain.GetTransactionByHashAsync(record.Hash, cancellationToken) is not null)
        {
            return new SendResult(SendOutcome.Pending, await SaveStateAsync(record, TransactionRecordState.Sent, null, null, cancellationToken));
        }
        var latest = await chain.GetTransactionCountAsync(record.Sender, BlockTag.Latest, cancellationToken);
        if (latest > record.Nonce)
        {
            // Ours may have been mined between the receipt query and this one: look again before calling the nonce taken.
            if (await FinishIfMinedAsync(record, cancellationToken) is { } late) return late;
            return await HoldAsync(record, $"nonce {record.Nonce} was used by another transaction (the account's mined count is {latest}); this one can never be mined", cancellationToken);
        }
        var pending = await chain.GetTransactionCountAsync(record.Sender, BlockTag.Pending, cancellationToken);
        if (pending > record.Nonce)
        {
            return await HoldAsync(record, $"a foreign pending transaction holds nonce {record.Nonce} (the node's pending count is {pending})", cancellationToken);
        }
        return await SubmitAsync(record, record.State == TransactionRecordState.Signed ? SendOutcome.Sent : SendOutcome.Resent, cancellationToken);
    }

    /// <summary>
    /// Reconciles every <paramref name="pollInterval"/> until the transaction is mined, reverted or held,
    /// or <paramref name="maxPolls"/> steps have passed (then the last outcome, usually pending, is returned).
    /// </summary>
    public async Task<SendResult> WaitAsync(string key, TimeSpan pollInterval, int maxPolls, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPolls, 1);
        SendResult result = await ReconcileAsync(key, cancellationToken);
        for (var poll = 1; poll < maxPolls && result.Outcome is not (SendOutcome.Mined or SendOutcome.Reverted or SendOutcome.Held); poll++)
        {
            await Task.Delay(pollInterval, timeProvider, cancellationToken);
            result = await ReconcileAsync(result.Record, cancellationToken);
        }
        return result;
    }

    private async Task<SendResult> SubmitAsync(TransactionRecord record, SendOutcome outcome, CancellationToken cancellationToken)
    {
        byte[] hash;
        try
        {
            hash = await chain.SendRawTransactionAsync(record.RawBytes, cancellationToken);
        }
        catch (JsonRpcException ex) when (ex.RpcMessage.Contains("already known", StringComparison.OrdinalIgnoreCase)
                                          || ex.RpcMessage.Contains("known transaction", StringComparison.OrdinalIgnoreCase))
        {
            return new SendResult(SendOutcome.Pending, await SaveStateAsync(record, TransactionRecordState.Sent, null, null, cancellationToken));
        }
        catch (JsonRpcException ex)
        {
            if (await FinishIfMinedAsync(record, cancellationToken) is { } mined) return mined;
            return await HoldAsync(record, $"the node refused the transaction: {ex.RpcMessage} (code {ex.Code})", cancellationToken);
        }
        // An unreachable node propagates: the record stays as it was and the next reconcile decides.
        if (!hash.AsSpan().SequenceEqual(record.Hash))
        {
            return await HoldAsync(record, $"the node reported hash {Hex.Encode(hash)} for bytes whose hash is {Hex.Encode(record.Hash)}", cancellationToken);
        }
        return new SendResult(outcome, await SaveStateAsync(record, TransactionRecordState.Sent, null, null, cancellationToken));
    }

    private async Task<SendResult?> FinishIfMinedAsync(TransactionRecord record, CancellationToken cancellationToken)
    {
        var receipt = await chain.GetTransactionReceiptAsync(record.Hash, cancellationToken);
        if (receipt is null) return null;
        var state = receipt.Succeeded ? TransactionRecordState.Mined : TransactionRecordState.Reverted;
        var saved = await SaveStateAsync(record, state, receipt.BlockNumber, null, cancellationToken);
        return new SendResult(receipt.Succeeded ? SendOutcome.Mined : SendOutcome.Reverted, saved, receipt);
    }

    private async Task<SendResult> HoldAsync(TransactionRecord record, string note, CancellationToken cancellationToken) =>
        new(SendOutcome.Held, await SaveStateAsync(record, TransactionRecordState.Held, null, note, cancellationToken));

    private async Task<TransactionRecord> SaveStateAsync(TransactionRecord record, TransactionRecordState state, ulong? block, string? note, CancellationToken cancellationToken)
    {
        if (record.State == state && record.BlockNumber == block && record.Note == note) return record;
        var updated = record with { State = state, BlockNumber = block, Note = note, UpdatedAt = timeProvider.GetUtcNow() };
        await store.SaveAsync(updated, cancellationToken);
        return updated;
    }
}
