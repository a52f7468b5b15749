namespace Rollout.Deployer.Plans;

/// <summary>Each stage check's pass/fail thresholds; defaults are the rollout seed's success criteria.</summary>
/// <param name="PeerExchangeMaxHeartbeats">Peer Exchange: a peer is pruned for PX within this many bootstrap heartbeats.</param>
/// <param name="ConnectionManagementMaxBreaches">Connection Management: high-watermark breaches allowed.</param>
/// <param name="RoutingLightPeers">Routing Success: light peers spawned.</param>
/// <param name="RoutingRelays">Routing Success: relays spawned.</param>
/// <param name="RoutingMaxLostMessages">Routing Success: messages allowed to be lost.</param>
/// <param name="UpperLimitsPeerMultiple">Upper Limits: the watermark must serve this multiple of the current peer count.</param>
/// <param name="MeshStableMaxRebuildsPerMinute">Mesh Stable: mesh rebuilds per minute tolerated once most nodes are online.</param>
/// <param name="MeshStableMajorityPercent">Mesh Stable: share of expected nodes online before rebuilds are counted.</param>
public sealed record CheckThresholds(
    int PeerExchangeMaxHeartbeats,
    int ConnectionManagementMaxBreaches,
    int RoutingLightPeers,
    int RoutingRelays,
    long RoutingMaxLostMessages,
    int UpperLimitsPeerMultiple,
    int MeshStableMaxRebuildsPerMinute,
    int MeshStableMajorityPercent)
{
    /// <summary>Upper Limits: the highest high watermark the bootstraps may safely be set to (their resource manager's bound).</summary>
    public int UpperLimitsMaxSafeWatermark { get; init; } = DefaultMaxSafeWatermark;

    /// <summary>The highest safe watermark when the plan names none (go-libp2p's resource-manager scale, and the simulator's).</summary>
    public const int DefaultMaxSafeWatermark = 65_536;

    /// <summary>The seed's criteria: 3 heartbeats, no breach, 100k light peers with 5 relays and no loss, 10× peers.</summary>
    public static CheckThresholds Seed { get; } = new(3, 0, 100_000, 5, 0, 10, 2, 50);
}
