using System.Globalization;
using Rollout.Mesh.Provers;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// Stage 2, Prover Slot Enrollment, over the simulated mesh: the population joins through the bootstraps, every
/// prover and relay runs <see cref="ProverEnrollment"/> on its own router (its own registry, the enrollment
/// topic; light peers that are not provers do not take part), and the first <see cref="ScenarioSettings.Provers"/> light peers announce their joins a frame at a time
/// (half a shard's worth per frame, most senior first), each targeting the shard its own view gives. At each frame's
/// end every participating node applies the joins it received. A stale prover is a peer that came online for its own frame and
/// missed the slot updates before it: its view is empty, so it targets a shard that may already be full, and the
/// others detect that as a missed slot update (PE-1). Pass when a reference node enrolled every prover, no join
/// was a missed slot update, every subshard sits below a parent that was full, and every honest node's view agrees.
/// </summary>
public static class ProverEnrollmentScenario
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "prover-enrollment";

    /// <summary>Runs the scenario.</summary>
    public static ScenarioReport Run(ScenarioSettings settings, Action<SimulationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        // Provers are light peers: the population holds at least as many.
        var population = new MeshPopulation(settings.Peers >= settings.Provers ? settings : settings with { Peers = settings.Provers });
        population.ScheduleJoin();
        var heartbeat = population.Settings.Heartbeat;
        var at = population.LastWaveAt + (heartbeat * 5);
        ScenarioRun.RunTo(population, at, progress);

        var options = new ProverEnrollmentOptions { SubshardThreshold = settings.SubshardThreshold };
        var provers = Enumerable.Range(population.LightRange.First, settings.Provers).ToArray();
        var stale = new HashSet<int>();
        for (var k = 0; k < settings.StaleProvers; k++) stale.Add(provers[(int)((long)k * settings.Provers / settings.StaleProvers)]);
        // The provers and the relays run enrollment (the other light peers have no use for the slots); each verifies
        // every join it receives, so the cost grows with provers × (provers + relays).
        var nodes = new ProverEnrollment?[population.LightRange.End];
        foreach (var id in Enumerable.Range(population.RelayRange.First, population.RelayRange.Count).Concat(provers))
        {
            if (!stale.Contains(id)) nodes[id] = Attach(population, id, options);
        }
        // The enrollment topic's meshes form over a few heartbeats before the first join.
        at += heartbeat * 5;
        ScenarioRun.RunTo(population, at, progress);

        var frameLength = settings.MessageTtl > heartbeat * 2 ? settings.MessageTtl : heartbeat * 2;
        var perFrame = Math.Max(1, settings.SubshardThreshold / 2);
        ulong frame = 0;
        for (var first = 0; first < provers.Length; first += perFrame, frame++)
        {
            foreach (var id in provers[first..Math.Min(provers.Length, first + perFrame)])
            {
                // A stale prover comes online now, having missed every slot update so far.
                var enrollment = nodes[id] ??= Attach(population, id, options);
                enrollment?.Announce(population.Keys[id], (ulong)(provers.Length - (id - provers[0])), frame);
            }
            at += frameLength;
            ScenarioRun.RunTo(population, at, progress);
            foreach (var node in nodes) node?.CloseFrame();
        }
        return Evaluate(population, settings, nodes, stale, frame);
    }

    private static ProverEnrollment? Attach(MeshPopulation population, int id, ProverEnrollmentOptions options) =>
        population.NodeAt(id).Node is { } node ? new ProverEnrollment(node.Router, new ProverRegistry(options)) : null;

    private static ScenarioReport Evaluate(MeshPopulation population, ScenarioSettings settings, ProverEnrollment?[] nodes, HashSet<int> stale, ulong frames)
    {
        // The reference view is a relay's (or the first honest light peer's): it saw every frame from the start.
        var honest = Enumerable.Range(0, nodes.Length).Where(id => nodes[id] is not null && !stale.Contains(id)).ToList();
        var reference = nodes[honest[0]]!.Registry;
        var layout = Layout(reference);
        var disagreeing = honest.Count(id => Layout(nodes[id]!.Registry) != layout);
        var missed = honest.SelectMany(id => nodes[id]!.MissedUpdates).DistinctBy(r => r.Prover).ToList();
        var rejected = honest.Sum(id => nodes[id]!.Rejected.Count);
        var shards = reference.Shards.ToList();
        var misplaced = shards.Count(shard => shard.Depth > 0 && !reference.IsFull(ShardAddress.FromPath(shard.Path[..^1])));
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["provers"] = settings.Provers,
            ["stale_provers"] = settings.StaleProvers,
            ["subshard_threshold"] = settings.SubshardThreshold,
            ["frames"] = frames,
            ["enrolled"] = reference.Count,
            ["missed_slot_updates"] = missed.Count,
            ["observers"] = honest.Count,
            ["observers_disagreeing"] = disagreeing,
            ["announcements_rejected"] = rejected,
            ["shards"] = shards.Count,
            ["deepest_shard"] = shards.Count == 0 ? 0 : shards.Max(s => s.Depth),
            ["largest_shard"] = shards.Count == 0 ? 0 : shards.Max(s => reference.ProversOf(s).Count),
            ["shards_below_unfilled_parent"] = misplaced,
        };
        var passed = reference.Count == settings.Provers && missed.Count == 0 && misplaced == 0 && disagreeing == 0 && rejected == 0;
        var diagnoses = new List<Diagnosis>();
        if (missed.Count > 0)
        {
            var example = missed[0];
            diagnoses.Add(MeshCause.Diagnose("PE-1", string.Create(CultureInfo.InvariantCulture,
                $"{missed.Count} joins targeted a shard that was full before their frame began (first: {example.Prover} aimed at {example.Targeted}, belongs in {example.Expected})")));
        }
        return new ScenarioReport
        {
            Scenario = Name,
            Criterion = "prover slot enrollments, announced over pubsub, shard out at the subshard threshold and every node agrees",
            Passed = passed,
            Population = ScenarioRun.Who(population.Settings),
            Figures = figures,
            Diagnoses = diagnoses,
            Engine = ScenarioRun.Stats(population),
        };
    }

    // A registry's shards and their members, as one comparable text.
    private static string Layout(ProverRegistry registry) =>
        string.Join(";", registry.Shards.Select(s => $"{Convert.ToHexString(s.Path)}:{string.Join(',', registry.ProversOf(s))}").Order(StringComparer.Ordinal));
}
