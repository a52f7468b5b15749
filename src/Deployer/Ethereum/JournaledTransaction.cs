using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Deployer.Ethereum;

/// <summary>
/// One transaction of a rollout step, sent at most once through the write-ahead sender: the intent's key names
/// it, so a resumed process finds the journaled record and reconciles it (mined, pending, dropped: resend the
/// same bytes, nonce taken: held) instead of signing a second one. Gas is the node's estimate plus a fifth, priced
/// by <see cref="FeeQuote"/>. Every Ethereum step of the deployer sends through this.
/// </summary>
internal sealed class JournaledTransaction(EthClient client, ITransactionRecordStore store, TimeProvider time)
{
    /// <summary>Polls of a pending transaction before the step holds (and a resume waits again).</summary>
    public const int MaxPolls = 60;

    /// <summary>Gas above the node's estimate, in percent.</summary>
    public const int GasMarginPercent = 20;

    /// <summary>Time between polls.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Sends a type-2 transaction to <paramref name="to"/> (null: a contract creation) with <paramref name="data"/>
    /// unless the store already holds <paramref name="key"/>, then waits until it is mined, reverted or held.
    /// </summary>
    public async Task<SendResult> SendOnceAsync(string key, BigInteger chainId, Secp256k1Key signer, Address? to, byte[] data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var sender = new WriteAheadTransactionSender(client, store, time);
        if (await store.FindAsync(key, cancellationToken) is null)
        {
            var from = signer.Address;
            var gas = FeeQuote.GasLimit(await client.EstimateGasAsync(new CallRequest(to, data, from), cancellationToken), GasMarginPercent);
            var fees = await FeeQuote.NextAsync(client, cancellationToken);
            var sent = await sender.SendAsync(key, from, chainId, nonce => new Eip1559Transaction(chainId, nonce, fees.MaxPriorityFeePerGas, fees.MaxFeePerGas, gas, to, BigInteger.Zero, data).Sign(signer), cancellationToken);
            if (sent.Outcome is SendOutcome.Mined or SendOutcome.Reverted or SendOutcome.Held) return sent;
        }
        return await WaitAsync(key, cancellationToken);
    }

    /// <summary>Reconciles the journaled transaction <paramref name="key"/> until it is mined, reverted or held (or the polls run out).</summary>
    public Task<SendResult> WaitAsync(string key, CancellationToken cancellationToken = default) =>
        new WriteAheadTransactionSender(client, store, time).WaitAsync(key, PollInterval, MaxPolls, cancellationToken);
}
