using System.Globalization;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// Stage 1, Peer Exchange: peers join through the bootstraps in waves. Pass when no peer stays on a
/// bootstrap more than three (reference) heartbeats before a bootstrap prunes it with PX, measured
/// from the connection to the PRUNE's arrival. A peer that built its mesh (Dlo peers) through peers
/// that dialed it before it asked the bootstrap is done with the bootstrap then: it never needed PX.
/// A peer that never reached a bootstrap, or was neither pruned nor meshed, fails too.
/// </summary>
public static class PeerExchangeScenario
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "peer-exchange";

    /// <summary>Runs the joins of <paramref name="settings"/> and applies the criterion.</summary>
    public static ScenarioReport Run(ScenarioSettings settings, Action<SimulationProgress>? progress = null)
    {
        var population = Join(settings, progress);
        return Evaluate(population);
    }

    /// <summary>Builds the population and runs the join waves until every wave had time to be pruned.</summary>
    internal static MeshPopulation Join(ScenarioSettings settings, Action<SimulationProgress>? progress)
    {
        var population = new MeshPopulation(settings);
        population.ScheduleJoin();
        var settle = Max(TimeSpan.FromSeconds(10), settings.Heartbeat * 6, settings.ReferenceHeartbeat * 6);
        ScenarioRun.RunTo(population, population.LastWaveAt + settle, progress);
        return population;
    }

    /// <summary>Applies the criterion to a population that has run its joins.</summary>
    internal static ScenarioReport Evaluate(MeshPopulation population)
    {
        var settings = population.Settings;
        var budget = settings.ReferenceHeartbeat.Ticks * settings.PruneBudgetHeartbeats;
        var stays = new List<long>();
        int unreached = 0, notPruned = 0, late = 0, lateGrafted = 0, meshedFirst = 0;
        long waitBeforeGraft = 0, waitAfterGraft = 0;
        var range = population.LightRange;
        for (var id = range.First; id < range.End; id++)
        {
            var connected = population.BootstrapConnectedAt[id];
            if (connected < 0)
            {
                unreached++;
                continue;
            }
            var pruned = population.PeerExchangeAt[id];
            var meshed = population.MeshBuiltAt[id];
            if (meshed >= 0 && (pruned < 0 || meshed < pruned))
            {
                pruned = meshed;
                meshedFirst++;
            }
            var graft = population.GraftAt[id];
            if (pruned >= 0) stays.Add(pruned - connected);
            else notPruned++;
            if (pruned >= 0 && pruned - connected <= budget) continue;
            if (pruned >= 0) late++;
            // Where the slow peers waited: for their own heartbeat to GRAFT, or for the bootstrap's PRUNE.
            var end = pruned >= 0 ? pruned : population.Engine.NowTicks;
            if (graft >= 0)
            {
                lateGrafted++;
                waitBeforeGraft += graft - connected;
                waitAfterGraft += end - graft;
            }
            else
            {
                lateGrafted++;
                waitBeforeGraft += end - connected;
            }
        }
        stays.Sort();
        var prunes = population.BootstrapPrunes;
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["peers"] = settings.Peers,
            ["reached_bootstrap"] = settings.Peers - unreached,
            ["pruned_with_px"] = stays.Count - meshedFirst,
            ["meshed_before_px"] = meshedFirst,
            ["late"] = late,
            ["not_pruned"] = notPruned,
            ["unreached"] = unreached,
            ["budget_ms"] = ScenarioRun.Ms(budget),
            ["stay_p50_ms"] = ScenarioRun.Ms(ScenarioRun.Percentile(stays, 50)),
            ["stay_p99_ms"] = ScenarioRun.Ms(ScenarioRun.Percentile(stays, 99)),
            ["stay_max_ms"] = ScenarioRun.Ms(stays.Count == 0 ? 0 : stays[^1]),
            ["slow_wait_before_graft_mean_ms"] = lateGrafted == 0 ? 0 : ScenarioRun.Ms((double)waitBeforeGraft / lateGrafted),
            ["slow_wait_after_graft_mean_ms"] = lateGrafted == 0 ? 0 : ScenarioRun.Ms((double)waitAfterGraft / lateGrafted),
            ["bootstrap_refusals"] = population.Refusals,
            ["bootstrap_peak_connections"] = population.BootstrapPeak.Max(),
            ["bootstrap_prune_rpcs"] = prunes.Count,
            ["bootstrap_prune_bytes_mean"] = prunes.Count == 0 ? 0 : Math.Round((double)prunes.Bytes / prunes.Count, 1),
            ["bootstrap_prune_bytes_max"] = prunes.Largest,
        };
        var passed = unreached == 0 && notPruned == 0 && late == 0;
        var diagnoses = new List<Diagnosis>();
        if (!passed)
        {
            var slow = late + notPruned;
            if (population.Refusals > 0)
            {
                diagnoses.Add(MeshCause.Diagnose("PX-3", Invariant($"bootstraps refused {population.Refusals} connections at their high watermark ({settings.BootstrapHighWater}); {unreached} peers never reached one")));
            }
            if (lateGrafted > 0 && waitBeforeGraft / lateGrafted >= settings.ReferenceHeartbeat.Ticks)
            {
                diagnoses.Add(MeshCause.Diagnose("PX-1", Invariant($"{slow} peers over the budget waited {figures["slow_wait_before_graft_mean_ms"]} ms on average before their GRAFT reached the bootstrap (heartbeat {settings.Heartbeat.TotalMilliseconds} ms)")));
            }
            if (lateGrafted > 0 && waitAfterGraft / lateGrafted >= settings.ReferenceHeartbeat.Ticks)
            {
                diagnoses.Add(MeshCause.Diagnose("PX-2", Invariant($"{slow} peers over the budget waited {figures["slow_wait_after_graft_mean_ms"]} ms on average for the bootstrap's PRUNE after their GRAFT; PRUNE RPCs averaged {figures["bootstrap_prune_bytes_mean"]} bytes (largest {prunes.Largest})")));
            }
        }
        return new ScenarioReport
        {
            Scenario = Name,
            Criterion = settings.PruneBudgetHeartbeats == 3
                ? "no peer stays on a bootstrap more than three heartbeats before being pruned with PX"
                : Invariant($"no peer stays on a bootstrap more than {settings.PruneBudgetHeartbeats} heartbeats before being pruned with PX"),
            Passed = passed,
            Population = ScenarioRun.Who(settings),
            Figures = figures,
            Diagnoses = diagnoses,
            Engine = ScenarioRun.Stats(population),
        };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b, TimeSpan c) => a > b ? (a > c ? a : c) : (b > c ? b : c);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
