using System.Globalization;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// Stage 2, Mesh Building: once every peer is online and the mesh settled, measure how often the
/// honest light peers' meshes change over a window while some peers crash and restart and some
/// leave and rejoin the topic on purpose. Pass when the rebuild rate (mesh additions plus removals
/// per honest peer per minute) stays at or below the settings' bound.
/// </summary>
public static class MeshStabilityScenario
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "mesh-stability";

    /// <summary>The observation window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>A peer that left the topic this often in the run is thrashing.</summary>
    public const int ThrashLeaves = 3;

    /// <summary>Runs the scenario.</summary>
    public static ScenarioReport Run(ScenarioSettings settings, Action<SimulationProgress>? progress = null)
    {
        var population = new MeshPopulation(settings);
        population.ScheduleJoin();
        var settled = population.LastWaveAt + Max(TimeSpan.FromSeconds(120), settings.Heartbeat * 10);
        ScenarioRun.RunTo(population, settled, progress);
        // Faulty peers are spread evenly over the light peers; the rest are the honest ones measured.
        var faulty = new Dictionary<int, bool>();
        var light = population.LightRange;
        var total = settings.CrashingPeers + settings.ThrashingPeers;
        for (var k = 0; k < total; k++)
        {
            var id = light.First + (int)((long)k * settings.Peers / total);
            faulty[id] = k < settings.CrashingPeers;
        }
        foreach (var (id, crashes) in faulty)
        {
            if (!crashes)
            {
                population.NodeAt(id).Thrash = true;
                continue;
            }
            for (var t = settled + settings.CrashPeriod; t < settled + Window; t += settings.CrashPeriod)
            {
                population.Network.CrashAt(id, t);
                population.Network.RejoinAt(id, t + TimeSpan.FromSeconds(1));
            }
        }
        var honest = (Func<int, bool>)(id => faulty.ContainsKey(id));
        var before = ScenarioRun.MeshChanges(population, honest);
        var resetsBefore = population.Resets + population.CrashClosures;
        var violationsBefore = BackoffViolations(population, honest);
        ScenarioRun.RunTo(population, settled + Window, progress);
        var changes = ScenarioRun.MeshChanges(population, honest) - before;
        var honestPeers = settings.Peers - total;
        var rate = (double)changes / honestPeers / Window.TotalMinutes;
        var resets = population.Resets + population.CrashClosures - resetsBefore;
        var thrashers = population.Unsubscribes.Count(pair => pair.Value >= ThrashLeaves);
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["honest_peers"] = honestPeers,
            ["window_seconds"] = Window.TotalSeconds,
            ["mesh_changes"] = changes,
            ["rebuilds_per_peer_minute"] = Math.Round(rate, 3),
            ["max_rebuilds_per_peer_minute"] = settings.MaxRebuildsPerPeerMinute,
            ["connections_lost_to_crashes"] = resets,
            ["peers_leaving_repeatedly"] = thrashers,
            ["backoff_violations"] = BackoffViolations(population, honest) - violationsBefore,
        };
        var passed = rate <= settings.MaxRebuildsPerPeerMinute;
        var diagnoses = new List<Diagnosis>();
        if (!passed)
        {
            var summary = string.Create(CultureInfo.InvariantCulture, $"{figures["rebuilds_per_peer_minute"]} mesh changes per honest peer per minute (bound {settings.MaxRebuildsPerPeerMinute})");
            if (resets > 0)
            {
                diagnoses.Add(MeshCause.Diagnose("MS-1", string.Create(CultureInfo.InvariantCulture, $"{summary}; {resets} connections dropped because a peer crashed or came back without its state")));
            }
            if (thrashers > 0)
            {
                diagnoses.Add(MeshCause.Diagnose("MS-2", string.Create(CultureInfo.InvariantCulture, $"{summary}; {thrashers} peers left and rejoined the topic {ThrashLeaves} or more times")));
            }
        }
        return new ScenarioReport
        {
            Scenario = Name,
            Criterion = "minimal mesh rebuilding once the majority of nodes is online",
            Passed = passed,
            Population = ScenarioRun.Who(settings),
            Figures = figures,
            Diagnoses = diagnoses,
            Engine = ScenarioRun.Stats(population),
        };
    }

    private static long BackoffViolations(MeshPopulation population, Func<int, bool> exclude)
    {
        long total = 0;
        for (var id = population.LightRange.First; id < population.LightRange.End; id++)
        {
            if (!exclude(id) && population.NodeAt(id).Node is { } node) total += node.Router.Counters.BackoffViolations;
        }
        return total;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
