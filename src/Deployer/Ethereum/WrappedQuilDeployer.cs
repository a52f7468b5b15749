using System.Numerics;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Deployer.Ethereum;

/// <summary>
/// Deploys WrappedQuil(admin, pauser, minter) once through the write-ahead sender. The intent's key names the
/// chain, so a resumed process finds the journaled record and reconciles it (mined, pending, dropped: resend the
/// same bytes, nonce taken: held) instead of signing a second deployment.
/// </summary>
internal sealed class WrappedQuilDeployer(EthClient client, ITransactionRecordStore store, TimeProvider time)
{
    /// <summary>Polls of a pending transaction before the step holds (and a resume waits again).</summary>
    public const int MaxPolls = 60;

    /// <summary>Time between polls.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The record key of the deployment on <paramref name="chainId"/>.</summary>
    public static string Key(BigInteger chainId) => $"eth:{chainId}:deploy:WrappedQuil";

    /// <summary>The init code: the artifact's creation bytecode followed by the ABI-encoded constructor arguments.</summary>
    public static byte[] InitCode(Address admin, Address pauser, Address minter) =>
        [.. ContractCatalog.Load(ContractCatalog.WrappedQuil).Bytecode.Span, .. AbiEncoder.Encode(["address", "address", "address"], [admin, pauser, minter])];

    /// <summary>
    /// Sends the deployment unless the store already holds it, then waits until it is mined, reverted or held.
    /// </summary>
    public async Task<SendResult> DeployAsync(BigInteger chainId, Secp256k1Key signer, Address admin, Address pauser, Address minter, CancellationToken cancellationToken = default)
    {
        var key = Key(chainId);
        var sender = new WriteAheadTransactionSender(client, store, time);
        var deployer = signer.Address;
        if (await store.FindAsync(key, cancellationToken) is null)
        {
            var data = InitCode(admin, pauser, minter);
            var estimate = await client.EstimateGasAsync(new CallRequest(null, data, deployer), cancellationToken);
            var gas = checked(estimate + estimate / 5);
            var tip = await client.MaxPriorityFeePerGasAsync(cancellationToken);
            var baseFee = (await client.GetBlockByNumberAsync(BlockTag.Latest, cancellationToken))?.BaseFeePerGas ?? await client.GasPriceAsync(cancellationToken);
            var maxFee = 2 * baseFee + tip;
            var sent = await sender.SendAsync(key, deployer, chainId, nonce => new Eip1559Transaction(chainId, nonce, tip, maxFee, gas, null, BigInteger.Zero, data).Sign(signer), cancellationToken);
            if (sent.Outcome is SendOutcome.Mined or SendOutcome.Reverted or SendOutcome.Held) return sent;
        }
        return await sender.WaitAsync(key, PollInterval, MaxPolls, cancellationToken);
    }
}
