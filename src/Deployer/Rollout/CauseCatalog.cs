namespace Rollout.Deployer.Rollout;

/// <summary>
/// Every cause a check can diagnose, with its resolution, in one place. The Stage 1 and Stage 2 entries are the
/// rollout seed's lists, cause for cause; the seed lists none for the release, unlock and Stages 3–4, so the
/// project's entries there say what the reference and DOMAIN.md imply (quorum, blockstamp, Nomad, roots).
/// </summary>
public static class CauseCatalog
{
    private const string WarRoom = "invoke the alert and open the war room; do not proceed until resolved";

    /// <summary>The whole catalog, in rollout order.</summary>
    public static IReadOnlyList<Cause> All { get; } =
    [
        new("PX-1", RolloutState.PeerExchange, "bootstraps cannot keep up with the volume: the heartbeat is not frequent enough",
            "raise the heartbeat frequency", "mesh.heartbeat", CauseSource.Seed),
        new("PX-2", RolloutState.PeerExchange, "bootstraps cannot keep up: PRUNE messages with PX grow too large, and even split they are too much",
            "add more bootstraps", "bootstrap_peers", CauseSource.Seed),
        new("PX-3", RolloutState.PeerExchange, "bootstraps cannot keep up: the connection manager's high watermark is too low for the volume and connections spike",
            "raise the high watermark as far as is safe", "mesh.watermark_high", CauseSource.Seed),
        new("CM-1", RolloutState.ConnectionManagement, "the high watermark is too low for the volume and connections spike (as PX-3)",
            "raise the high watermark as far as is safe", "mesh.watermark_high", CauseSource.Seed),
        new("CM-2", RolloutState.ConnectionManagement, "bootstraps are not cleaning up dead connections",
            "trim by stream count high to low, with zero-stream connections first of all", "mesh.trim_order", CauseSource.Seed),
        new("RS-1", RolloutState.RoutingSuccess, "messages miss their TTL: the mesh is not dense enough",
            "raise the default density targets (D, Dlo, Dhi)", "mesh.d", CauseSource.Seed),
        new("RS-2", RolloutState.RoutingSuccess, "messages miss their TTL: the gossip heartbeat is not fast enough",
            "raise the gossip heartbeat frequency", "mesh.heartbeat", CauseSource.Seed),
        new("RS-3", RolloutState.RoutingSuccess, "messages are dropped for a reason unrelated to BlossomSub tuning",
            "review the trace logs and address the cause", null, CauseSource.Seed),
        new("RS-4", RolloutState.RoutingSuccess, "relays are oversaturated and cannot handle the workload",
            "temporarily add relays and retry, or enable the bootstrap gateway plan (bandwidth test before a bootstrap accepts a peer) and retry without relays",
            "checks.routing_success.relays", CauseSource.Seed),
        new("UL-1", RolloutState.UpperLimits, "peers reach the bootstraps but do not make it into the mesh",
            "add more bootstraps", "bootstrap_peers", CauseSource.Seed),
        new("UL-2", RolloutState.UpperLimits, "peers cannot reach the bootstraps: the highest allowed watermark is constantly saturated",
            "add more bootstraps", "bootstrap_peers", CauseSource.Seed),
        new("RL-1", RolloutState.ReleaseSigned, "fewer valid release signatures than the quorum",
            "collect the missing signatures from the release signatories", null, CauseSource.Project),
        new("RL-2", RolloutState.ReleaseSigned, "a release signature file is present but invalid (fatal in the reference node)",
            WarRoom, null, CauseSource.Project),
        new("RL-3", RolloutState.ReleaseSigned, "the release binary does not match its signed digest (a different build, or a tampered one)",
            WarRoom, null, CauseSource.Project),
        new("UN-1", RolloutState.Unlocked, "the genesis seed's blockstamp existed before the release was signed, so the unlock could have been made in advance",
            "discard the unlock; sign a seed with a blockstamp from after the release", null, CauseSource.Project),
        new("UN-2", RolloutState.Unlocked, "the signed unlock does not verify: a signature is invalid, the quorum is not met, or the seed does not bind the beacon",
            WarRoom, null, CauseSource.Project),
        new("MS-1", RolloutState.MeshStable, "some peers are crashing",
            "identify the crash and resolve it", null, CauseSource.Seed),
        new("MS-2", RolloutState.MeshStable, "some peers are deliberately thrashing the mesh",
            "raise the decay threshold for peer misbehaviour", null, CauseSource.Seed),
        new("PE-1", RolloutState.ProverEnrollment, "peers miss the prover slot updates and do not enroll into a lower subshard",
            WarRoom, null, CauseSource.Seed),
        new("BP-1", RolloutState.BridgeDeployedPaused, "a bridge contract or application is not initialised, not owned by the intended admin, or not paused (the Nomad failure)",
            "pause it and fix ownership before anything else; " + WarRoom, null, CauseSource.Project),
        new("MV-1", RolloutState.MintVerified, "the ledger's state root differs from the published genesis root",
            WarRoom + "; the bridge stays paused", null, CauseSource.Project),
        new("ER-1", RolloutState.EthereumResumed, "the Safe did not unpause the bridge contract: it refused the owners' signatures (GS0xx), the call reverted, or the contract still reads paused",
            "keep the bridge paused on both sides; check the Safe's owners, threshold and the contract's admin; " + WarRoom, null, CauseSource.Project),
    ];

    /// <summary>The cause with <paramref name="code"/>.</summary>
    public static Cause Get(string code) =>
        All.FirstOrDefault(c => c.Code == code) ?? throw new KeyNotFoundException($"no cause {code} in the catalog");

    /// <summary>The causes a step's check can diagnose.</summary>
    public static IReadOnlyList<Cause> For(RolloutState step) => All.Where(c => c.Check == step).ToList();
}
