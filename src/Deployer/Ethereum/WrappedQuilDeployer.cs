using System.Numerics;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Deployer.Journal;

namespace Rollout.Deployer.Ethereum;

/// <summary>
/// Deploys WrappedQuil(admin, pauser, minter) once, as a <see cref="JournaledTransaction"/> whose key names the
/// chain, so a resumed process reconciles the journaled deployment instead of signing a second one.
/// </summary>
internal sealed class WrappedQuilDeployer(EthClient client, ITransactionRecordStore store, TimeProvider time)
{
    /// <summary>The record key of the deployment on <paramref name="chainId"/>.</summary>
    public static string Key(BigInteger chainId) => $"eth:{chainId}:deploy:WrappedQuil";

    /// <summary>The init code: the artifact's creation bytecode followed by the ABI-encoded constructor arguments.</summary>
    public static byte[] InitCode(Address admin, Address pauser, Address minter) =>
        [.. ContractCatalog.Load(ContractCatalog.WrappedQuil).Bytecode.Span, .. AbiEncoder.Encode(["address", "address", "address"], [admin, pauser, minter])];

    /// <summary>
    /// The contract this deployment's journal created on <paramref name="chainId"/>, read from the journaled deployment's
    /// receipt; null when the journal holds no confirmed deployment.
    /// </summary>
    public static async Task<Address?> FindDeployedAsync(IOutsideActionLog log, EthClient client, BigInteger chainId, CancellationToken cancellationToken = default)
    {
        if (await log.FindAsync(Key(chainId), cancellationToken) is not { Status: OutsideActionStatus.Confirmed } action) return null;
        var receipt = await client.GetTransactionReceiptAsync(Hex.Decode(action.HashHex), cancellationToken)
            ?? throw new InvalidOperationException($"journal outside action #{action.ActionId}: the WrappedQuil deployment {action.HashHex} is journaled as mined but the node has no receipt (a reorganisation, or another chain?)");
        return receipt.ContractAddress ?? throw new InvalidOperationException($"the WrappedQuil deployment {action.HashHex}: the receipt names no contract address");
    }

    /// <summary>Sends the deployment unless the store already holds it, then waits until it is mined, reverted or held.</summary>
    public Task<SendResult> DeployAsync(BigInteger chainId, Secp256k1Key signer, Address admin, Address pauser, Address minter, CancellationToken cancellationToken = default) =>
        new JournaledTransaction(client, store, time).SendOnceAsync(Key(chainId), chainId, signer, null, InitCode(admin, pauser, minter), cancellationToken);
}
