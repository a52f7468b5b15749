namespace Rollout.Deployer.Plans;

/// <summary>Which network a plan drives: the rehearsal network allows testnet-only settings, mainnet refuses them.</summary>
public enum NetworkProfile
{
    /// <summary>The rehearsal (testnet) network: local devchain, scaled-down checks, fault injection allowed.</summary>
    Rehearsal,

    /// <summary>The production network: every testnet-only setting is refused (see <see cref="MainnetRules"/>).</summary>
    Mainnet,
}
