using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;

namespace Rollout.Bridge.Safe;

/// <summary>
/// The Safe contracts a chain needs before Safes can be created: the singleton (Safe or SafeL2, whose
/// code every proxy delegates to), the proxy factory and the fallback handler. On mainnet they already
/// exist at their canonical addresses; on a local chain <see cref="DeployAsync"/> deploys them from the
/// embedded Safe 1.5.0 artifacts.
/// </summary>
/// <param name="Singleton">The Safe (or SafeL2) singleton.</param>
/// <param name="ProxyFactory">The SafeProxyFactory.</param>
/// <param name="FallbackHandler">The CompatibilityFallbackHandler new Safes are set up with.</param>
public sealed record SafeDeployment(Address Singleton, Address ProxyFactory, Address FallbackHandler)
{
    /// <summary>Deploys singleton, factory and fallback handler from <paramref name="deployer"/>.</summary>
    public static async Task<SafeDeployment> DeployAsync(ContractTransactor transactor, Secp256k1Key deployer, bool useL2 = false, CancellationToken cancellationToken = default)
    {
        var contracts = new ContractDeployer(transactor);
        var singleton = await contracts.DeployAsync(useL2 ? ContractCatalog.SafeL2 : ContractCatalog.Safe, deployer, [], cancellationToken);
        var factory = await contracts.DeployAsync(ContractCatalog.SafeProxyFactory, deployer, [], cancellationToken);
        var handler = await contracts.DeployAsync(ContractCatalog.CompatibilityFallbackHandler, deployer, [], cancellationToken);
        return new SafeDeployment(singleton.Address, factory.Address, handler.Address);
    }
}
