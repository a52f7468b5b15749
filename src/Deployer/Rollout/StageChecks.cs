using Rollout.Deployer.Cli.Keys;
using Rollout.Deployer.Ethereum;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Quorum;

namespace Rollout.Deployer.Rollout;

/// <summary>
/// The check wired to each step, with its criterion (the seed's success condition under the plan's
/// thresholds) and what it needs. ReleaseSigned, UnlockCollecting and Unlocked verify the quorum signing
/// (<see cref="ReleaseSignedCheck"/>, <see cref="UnlockCollectingCheck"/>, <see cref="UnlockedCheck"/>);
/// BridgeDeployedPaused and EthereumResumed act on Ethereum (<see cref="BridgeDeployedPausedCheck"/>,
/// <see cref="EthereumResumedCheck"/>);
/// the others are <see cref="NotAvailableCheck"/> until the mesh and node pieces exist; a project that supplies
/// a measurement replaces its entry here.
/// </summary>
public static class StageChecks
{
    private static string DeployerPassphrase() => Passphrase.Read("the deployer keystore (ethereum.deployer_keystore)", confirm: false, Console.Error);

    /// <summary>The default check of every step, in rollout order.</summary>
    public static IReadOnlyList<IStageCheck> Default() =>
    [
        new NotAvailableCheck(RolloutState.PeerExchange,
            c => $"every peer leaves a bootstrap's mesh, pruned with PX, within {c.Plan.Checks.PeerExchangeMaxHeartbeats} heartbeats ({DurationText.Format(c.Plan.Mesh.Heartbeat)} each) on {c.Plan.BootstrapPeers.Count} bootstraps",
            "src/Mesh: per-bootstrap PX telemetry (heartbeats each peer spends in a bootstrap's mesh before its PRUNE with peer exchange), from the bootstrap role or the simulator"),
        new NotAvailableCheck(RolloutState.ConnectionManagement,
            c => $"no bootstrap's connection count goes above the high watermark {c.Plan.Mesh.WatermarkHigh} (breaches allowed: {c.Plan.Checks.ConnectionManagementMaxBreaches})",
            "src/Mesh: the connection manager's per-bootstrap connection counts and high-watermark breach counter"),
        new NotAvailableCheck(RolloutState.RoutingSuccess,
            c => $"{c.Plan.Checks.RoutingLightPeers} light peers and {c.Plan.Checks.RoutingRelays} relays; after the mesh stabilises every peer's message reaches every peer (lost allowed: {c.Plan.Checks.RoutingMaxLostMessages})",
            "src/Mesh: the discrete-event simulator (light peers, relays, stabilisation) reporting messages sent and delivered"),
        new NotAvailableCheck(RolloutState.UpperLimits,
            c => $"raise the bootstraps' watermarks until peers stop reaching the mesh or the bootstraps; the breaking point must serve {c.Plan.Checks.UpperLimitsPeerMultiple}x the current peer count",
            "src/Mesh: a watermark sweep in the simulator reporting, per watermark, peers reaching the bootstraps and peers in the mesh"),
        new ReleaseSignedCheck(),
        new NotAvailableCheck(RolloutState.StasisLocked,
            _ => "every reachable node runs the signed release and reports the stasis lock (seed placeholder \"stasis\"), none has a genesis",
            "src/Mesh: the node API's stasis gate state"),
        new UnlockCollectingCheck(),
        new UnlockedCheck(),
        new NotAvailableCheck(RolloutState.MeshStable,
            c => $"once {c.Plan.Checks.MeshStableMajorityPercent}% of nodes are online, mesh rebuilding stays at or below {c.Plan.Checks.MeshStableMaxRebuildsPerMinute} per minute",
            "src/Mesh: the mesh's GRAFT/PRUNE churn (rebuild) rate and online node count"),
        new NotAvailableCheck(RolloutState.ProverEnrollment,
            c => $"prover enrollments shard out at the subshard threshold: no shard holds more than {c.Plan.SubshardThreshold} provers",
            "src/Mesh: prover enrollment and shard membership counts"),
        new BridgeDeployedPausedCheck(DeployerPassphrase),
        new NotAvailableCheck(RolloutState.TokenDeployed,
            c => $"the token application is deployed with the genesis allocation built from {c.Plan.SnapshotFolder}; its Merkle root is published",
            "src/Token: genesis allocation, standard-v1 tree and root; the token ledger application on the node"),
        new NotAvailableCheck(RolloutState.Minting,
            c => $"mint batches (the allocation, and the bridged total to {c.Plan.BridgeAddress[..16]}…) are published as signed operations, each journaled before it is published",
            "src/Mesh: the application host's signed operations, published through this journal's outside-action log"),
        new NotAvailableCheck(RolloutState.MintVerified,
            _ => "the ledger's state root equals the published genesis root, and the total supply equals the allocation's",
            "src/Token: the ledger's state root from a node"),
        new NotAvailableCheck(RolloutState.BridgeUnpaused,
            _ => "the node-side bridge application is unpaused and reports it",
            "src/Bridge: the bridge application's unpause operation and state"),
        new EthereumResumedCheck(DeployerPassphrase),
    ];
}
