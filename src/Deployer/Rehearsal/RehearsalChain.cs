using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Safe;

namespace Rollout.Deployer.Rehearsal;

/// <summary>
/// What a rehearsal does on the Hardhat devchain before the deployer runs, for <c>rollout rehearse</c> and the tests
/// that rehearse parts of it: fund an account (<c>hardhat_setBalance</c>), and create a Safe 1.5.0 with its
/// contracts deployed by a throwaway funded key, so no account the deployment uses spends a nonce on it.
/// </summary>
public static class RehearsalChain
{
    /// <summary>Gives <paramref name="account"/> 100 ether.</summary>
    public static Task FundAsync(EthClient client, Address account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(account);
        return client.Rpc.CallAsync("hardhat_setBalance", [account.ToLowerHex(), "0x56bc75e2d63100000"], cancellationToken);
    }

    /// <summary>Deploys the Safe contracts and creates a <paramref name="threshold"/>-of-<paramref name="owners"/> Safe; returns its address.</summary>
    public static async Task<Address> CreateSafeAsync(EthClient client, IReadOnlyList<Address> owners, int threshold, CancellationToken cancellationToken = default)
    {
        using var creator = Secp256k1Key.Generate();
        await FundAsync(client, creator.Address, cancellationToken);
        var transactor = await ContractTransactor.ConnectAsync(client, TimeProvider.System, new ContractTransactorOptions(PollInterval: TimeSpan.FromMilliseconds(50)), cancellationToken);
        var deployment = await SafeDeployment.DeployAsync(transactor, creator, cancellationToken: cancellationToken);
        return (await SafeContract.CreateAsync(transactor, deployment, creator, owners, threshold, 1, cancellationToken)).Address;
    }
}
