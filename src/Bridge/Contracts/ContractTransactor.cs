using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Bridge.Contracts;

/// <summary>
/// Calls contracts and sends signed type-2 transactions to them: estimates gas (a revert found there is
/// thrown as <see cref="ContractRevertedException"/> before anything is signed), prices from the latest
/// base fee and the node's tip, signs, sends, and waits for the receipt and its confirmations.
/// A transaction mined with status 0 is also thrown, with the reason found by replaying it as a call.
/// The nonce is the node's pending count, so one transactor sends for an account at a time; durable
/// intents that must survive a crash go through <c>Sending.WriteAheadTransactionSender</c> instead.
/// </summary>
public sealed class ContractTransactor(EthClient client, BigInteger chainId, TimeProvider timeProvider, ContractTransactorOptions? options = null)
{
    private readonly ContractTransactorOptions _options = Validate(options ?? new ContractTransactorOptions());

    /// <summary>The client underneath.</summary>
    public EthClient Client { get; } = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The chain transactions are signed for.</summary>
    public BigInteger ChainId { get; } = chainId;

    /// <summary>Connects to the chain at <paramref name="client"/>, reading its chain id.</summary>
    public static async Task<ContractTransactor> ConnectAsync(EthClient client, TimeProvider timeProvider, ContractTransactorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ContractTransactor(client, await client.ChainIdAsync(cancellationToken), timeProvider, options);
    }

    /// <summary><c>eth_call</c>; a revert throws <see cref="ContractRevertedException"/> decoded with <paramref name="errors"/>.</summary>
    public async Task<byte[]> CallAsync(string action, Address to, byte[] data, Address? from = null, IEnumerable<AbiError>? errors = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Client.CallAsync(new CallRequest(to, data, from), cancellationToken: cancellationToken);
        }
        catch (JsonRpcException ex) when (ex.RevertData is not null)
        {
            throw new ContractRevertedException(action, ex.Revert(errors), null, ex);
        }
    }

    /// <summary>
    /// Signs and sends a transaction from <paramref name="sender"/> (to null: a contract creation) and
    /// returns its receipt once confirmed. Reverts are thrown, decoded with <paramref name="errors"/>.
    /// </summary>
    public async Task<TransactionReceipt> SendAsync(string action, Secp256k1Key sender, Address? to, byte[] data, BigInteger? value = null, IEnumerable<AbiError>? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(data);
        var known = errors?.ToArray() ?? [];
        ulong estimate;
        try
        {
            estimate = await Client.EstimateGasAsync(new CallRequest(to, data, sender.Address, value), cancellationToken);
        }
        catch (JsonRpcException ex) when (ex.RevertData is not null)
        {
            throw new ContractRevertedException(action, ex.Revert(known), null, ex);
        }
        var gasLimit = FeeQuote.GasLimit(estimate, _options.GasMarginPercent);
        var fees = await FeeQuote.NextAsync(Client, cancellationToken);
        var nonce = await Client.GetTransactionCountAsync(sender.Address, BlockTag.Pending, cancellationToken);
        var signed = new Eip1559Transaction(ChainId, nonce, fees.MaxPriorityFeePerGas, fees.MaxFeePerGas, gasLimit, to, value ?? BigInteger.Zero, data).Sign(sender);
        await Client.SendRawTransactionAsync(signed.RawBytes, cancellationToken);
        var receipt = await WaitForReceiptAsync(signed.Hash, cancellationToken);
        if (!receipt.Succeeded)
        {
            throw new ContractRevertedException(action, await ReplayAsync(receipt, sender.Address, to, data, value, known, cancellationToken), signed.Hash);
        }
        return receipt;
    }

    /// <summary>Waits until the transaction is mined and has the configured confirmations.</summary>
    public async Task<TransactionReceipt> WaitForReceiptAsync(byte[] transactionHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionHash);
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var receipt = await Client.GetTransactionReceiptAsync(transactionHash, cancellationToken);
            if (receipt is not null)
            {
                var head = await Client.BlockNumberAsync(cancellationToken);
                if (head + 1 >= receipt.BlockNumber + (ulong)_options.Confirmations) return receipt;
            }
            if (timeProvider.GetElapsedTime(started) >= _options.EffectiveReceiptTimeout)
            {
                throw new TimeoutException($"transaction {Hex.Encode(transactionHash)}: no receipt with {_options.Confirmations} confirmation(s) after {_options.EffectiveReceiptTimeout}");
            }
            await Task.Delay(_options.EffectivePollInterval, timeProvider, cancellationToken);
        }
    }

    // A mined revert carries no data in the receipt: running the same call on the parent block's state usually gives it back.
    private async Task<RevertReason?> ReplayAsync(TransactionReceipt receipt, Address from, Address? to, byte[] data, BigInteger? value, AbiError[] errors, CancellationToken cancellationToken)
    {
        try
        {
            await Client.CallAsync(new CallRequest(to, data, from, value), BlockTag.Number(receipt.BlockNumber - 1), cancellationToken);
            return null;
        }
        catch (JsonRpcException ex) when (ex.RevertData is not null)
        {
            return ex.Revert(errors);
        }
    }

    private static ContractTransactorOptions Validate(ContractTransactorOptions options)
    {
        if (options.Confirmations < 1) throw new ArgumentOutOfRangeException(nameof(options), "confirmations: at least 1 (the block holding the transaction)");
        if (options.GasMarginPercent is < 0 or > 500) throw new ArgumentOutOfRangeException(nameof(options), "gas margin: 0–500 percent");
        return options;
    }
}
