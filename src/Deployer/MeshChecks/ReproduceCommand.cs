using System.Globalization;
using System.Text;
using Rollout.Mesh.Scenarios;
using MeshTrimOrder = Rollout.Mesh.Connections.TrimOrder;

namespace Rollout.Deployer.MeshChecks;

/// <summary>
/// The <c>rollout mesh simulate</c> command line that runs the same scenario with the same settings and seed, so
/// a journaled result can be reproduced (and its figures and trace hash compared): every setting the check derives
/// from the plan has its option.
/// </summary>
public static class ReproduceCommand
{
    /// <summary>The command for <paramref name="scenario"/> under <paramref name="settings"/>.</summary>
    public static string For(string scenario, ScenarioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder("rollout mesh simulate --scenario ").Append(scenario);
        void Option(string name, object value) => text.Append(CultureInfo.InvariantCulture, $" --{name} {value}");
        Option("peers", settings.Peers);
        Option("relays", settings.Relays);
        Option("bootstraps", settings.Bootstraps);
        Option("seed", settings.Seed);
        Option("heartbeat-ms", settings.Heartbeat.TotalMilliseconds);
        Option("d", settings.D);
        Option("dlo", settings.Dlo);
        Option("dhi", settings.Dhi);
        Option("watermark-high", settings.BootstrapHighWater);
        Option("watermark-low", settings.BootstrapLowWater);
        Option("trim-order", settings.BootstrapTrimOrder == MeshTrimOrder.ZeroStreamsThenMostStreams ? "seed" : "libp2p");
        if (scenario == MeshStabilityScenario.Name)
        {
            Option("crashing", settings.CrashingPeers);
            Option("thrashing", settings.ThrashingPeers);
        }
        if (scenario == ProverEnrollmentScenario.Name)
        {
            Option("provers", settings.Provers);
            Option("stale-provers", settings.StaleProvers);
            Option("subshard-threshold", settings.SubshardThreshold);
        }
        if (scenario != ProverEnrollmentScenario.Name)
        {
            Option("grace-ms", settings.BootstrapGracePeriod.TotalMilliseconds);
            Option("silence-ms", settings.BootstrapSilencePeriod.TotalMilliseconds);
        }
        if (scenario == PeerExchangeScenario.Name) Option("prune-budget", settings.PruneBudgetHeartbeats);
        if (scenario == UpperLimitsScenario.Name)
        {
            Option("peer-multiple", settings.PeerMultiple);
            Option("max-safe-watermark", settings.MaxSafeWatermark);
        }
        if (scenario == MeshStabilityScenario.Name) Option("max-rebuilds", settings.MaxRebuildsPerPeerMinute);
        return text.ToString();
    }
}
