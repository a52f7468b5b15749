using System.Globalization;
using System.Text;
using Rollout.Deployer.Plans;
using Rollout.Mesh.Scenarios;
using MeshTrimOrder = Rollout.Mesh.Connections.TrimOrder;

namespace Rollout.Deployer.MeshChecks;

/// <summary>
/// The <c>rollout mesh simulate</c> command line that runs the same scenario with the same settings and seed, so
/// a journaled result can be reproduced (and its figures and trace hash compared). Settings the command has no
/// option for are named with their values when they differ from the simulator's defaults.
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
        var unexpressed = Unexpressed(scenario, settings);
        if (unexpressed.Count > 0) text.Append(" (no option for: ").AppendJoin(", ", unexpressed).Append(')');
        return text.ToString();
    }

    /// <summary>The settings <paramref name="scenario"/> uses that differ from the simulator's defaults and that the command cannot set.</summary>
    private static List<string> Unexpressed(string scenario, ScenarioSettings settings)
    {
        var defaults = new ScenarioSettings();
        var names = new List<string>();
        void Differs<T>(string name, T value, T fallback)
        {
            if (EqualityComparer<T>.Default.Equals(value, fallback)) return;
            names.Add(value is TimeSpan span ? $"{name} {DurationText.Format(span)}" : string.Create(CultureInfo.InvariantCulture, $"{name} {value}"));
        }
        if (scenario != ProverEnrollmentScenario.Name)
        {
            Differs("grace_period", settings.BootstrapGracePeriod, defaults.BootstrapGracePeriod);
            Differs("silence_period", settings.BootstrapSilencePeriod, defaults.BootstrapSilencePeriod);
        }
        if (scenario == PeerExchangeScenario.Name) Differs("prune_budget_heartbeats", settings.PruneBudgetHeartbeats, defaults.PruneBudgetHeartbeats);
        if (scenario == UpperLimitsScenario.Name) Differs("peer_multiple", settings.PeerMultiple, defaults.PeerMultiple);
        if (scenario == MeshStabilityScenario.Name) Differs("max_rebuilds_per_peer_minute", settings.MaxRebuildsPerPeerMinute, defaults.MaxRebuildsPerPeerMinute);
        return names;
    }
}
