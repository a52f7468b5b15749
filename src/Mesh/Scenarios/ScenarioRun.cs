using System.Globalization;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>Shared pieces of the scenarios: running the engine with progress, percentiles, the engine figures.</summary>
internal static class ScenarioRun
{
    /// <summary>Runs the population's engine to virtual time <paramref name="until"/>, or until <paramref name="stopWhen"/> holds between two windows.</summary>
    public static void RunTo(MeshPopulation population, TimeSpan until, Action<SimulationProgress>? progress, Func<bool>? stopWhen = null) =>
        population.Engine.Run(new SimulationRunLimits { Until = until, Progress = progress, ProgressEveryEvents = 200_000, StopWhen = stopWhen });

    /// <summary>The engine's figures for the report.</summary>
    public static ScenarioEngineStats Stats(MeshPopulation population) => new(
        population.Engine.EventsProcessed,
        population.Engine.Elapsed.TotalSeconds,
        population.Engine.TraceHash.ToString("x16", CultureInfo.InvariantCulture));

    /// <summary>Who took part.</summary>
    public static ScenarioPopulation Who(ScenarioSettings settings) => new(settings.Peers, settings.Relays, settings.Bootstraps, settings.Seed);

    /// <summary>The <paramref name="percent"/>th percentile of sorted values, 0 for none.</summary>
    public static double Percentile(List<long> sorted, int percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)((long)sorted.Count * percent / 100))];

    /// <summary>Ticks as milliseconds.</summary>
    public static double Ms(double ticks) => Math.Round(ticks / TimeSpan.TicksPerMillisecond, 1);

    /// <summary>Sum of mesh additions and removals over the online light peers and not excluded.</summary>
    public static long MeshChanges(MeshPopulation population, Func<int, bool>? exclude = null)
    {
        long total = 0;
        var range = population.LightRange;
        for (var id = range.First; id < range.End; id++)
        {
            if (exclude?.Invoke(id) == true || population.NodeAt(id).Node is not { } node) continue;
            total += node.Router.Counters.MeshAdded + node.Router.Counters.MeshRemoved;
        }
        return total;
    }

    /// <summary>Mesh degree of every online light peer in the topic.</summary>
    public static List<int> MeshDegrees(MeshPopulation population) => PerLightPeer(population, node => node.Node?.Router.MeshPeers(population.Topic).Count);

    /// <summary>Open connections of every online light peer.</summary>
    public static List<int> LightConnections(MeshPopulation population) => PerLightPeer(population, node => node.Node is null ? null : node.LinkCount);

    private static List<int> PerLightPeer(MeshPopulation population, Func<SimulatedMeshNode, int?> figure)
    {
        var values = new List<int>(population.Settings.Peers);
        var range = population.LightRange;
        for (var id = range.First; id < range.End; id++)
        {
            if (figure(population.NodeAt(id)) is { } value) values.Add(value);
        }
        return values;
    }
}
