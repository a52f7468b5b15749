using Rollout.Deployer.Plans;
using Rollout.Mesh.Scenarios;
using MeshTrimOrder = Rollout.Mesh.Connections.TrimOrder;

namespace Rollout.Deployer.MeshChecks;

/// <summary>
/// The simulated network a plan describes: its light peers and relays (<c>checks.routing_success</c>, the one
/// population the plan names, used by every mesh step), one simulated bootstrap per <c>bootstrap_peers</c> entry
/// with the plan's watermarks, grace and silence periods and trim order, the light peers' D/Dlo/Dhi and the
/// heartbeat of every role, the check thresholds that have a scenario setting, and the rehearsal's
/// <c>testnet.simulated_faults</c>. Everything else keeps the simulator's defaults (<see cref="ScenarioSettings"/>).
/// </summary>
public static class MeshSimulationSettings
{
    /// <summary>The scenario settings of <paramref name="plan"/> with run seed <paramref name="seed"/>.</summary>
    public static ScenarioSettings For(RolloutPlan plan, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var mesh = plan.Mesh;
        var checks = plan.Checks;
        var faults = plan.Testnet.SimulatedFaults;
        return new ScenarioSettings
        {
            Peers = checks.RoutingLightPeers,
            Relays = checks.RoutingRelays,
            Bootstraps = plan.BootstrapPeers.Count,
            Seed = seed,
            // A speed setting only: the report is the same on any number of threads.
            Threads = ScenarioSettings.MachineThreads,
            Heartbeat = mesh.Heartbeat,
            D = mesh.D,
            Dlo = mesh.Dlo,
            Dhi = mesh.Dhi,
            BootstrapLowWater = mesh.WatermarkLow,
            BootstrapHighWater = mesh.WatermarkHigh,
            BootstrapGracePeriod = mesh.GracePeriod,
            BootstrapSilencePeriod = mesh.SilencePeriod,
            BootstrapTrimOrder = TrimOrderOf(mesh.TrimOrder),
            PruneBudgetHeartbeats = checks.PeerExchangeMaxHeartbeats,
            PeerMultiple = checks.UpperLimitsPeerMultiple,
            MaxSafeWatermark = checks.UpperLimitsMaxSafeWatermark,
            MaxRebuildsPerPeerMinute = checks.MeshStableMaxRebuildsPerMinute,
            // Every light peer of the rehearsal enrolls as a prover.
            Provers = checks.RoutingLightPeers,
            SubshardThreshold = plan.SubshardThreshold,
            CrashingPeers = faults.CrashingPeers,
            ThrashingPeers = faults.ThrashingPeers,
            StaleProvers = faults.StaleProvers,
        };
    }

    /// <summary>The simulator's trim order for the plan's.</summary>
    public static MeshTrimOrder TrimOrderOf(TrimOrder order) => order switch
    {
        TrimOrder.StreamsDescendingZeroFirst => MeshTrimOrder.ZeroStreamsThenMostStreams,
        _ => MeshTrimOrder.GoLibp2p,
    };
}
