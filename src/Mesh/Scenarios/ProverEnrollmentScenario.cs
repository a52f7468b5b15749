using System.Globalization;
using Rollout.Mesh.Identity;
using Rollout.Mesh.Provers;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// Stage 2, Prover Slot Enrollment: provers enroll a frame at a time through the real
/// <see cref="ProverRegistry"/>, each targeting the shard its view of the slots gives. Most see the
/// slots as the frame begins; stale provers see them as the frame before began (they missed a slot
/// update). Pass when every prover is enrolled, no join is rejected as a missed slot update, and
/// every shard with provers below it was full (over the subshard threshold) when they went there.
/// </summary>
public static class ProverEnrollmentScenario
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "prover-enrollment";

    /// <summary>Runs the scenario; <paramref name="progress"/> is not called (no engine events).</summary>
    public static ScenarioReport Run(ScenarioSettings settings, Action<SimulationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var registry = new ProverRegistry(new ProverEnrollmentOptions { SubshardThreshold = settings.SubshardThreshold });
        var keyRandom = new Random(unchecked((int)Xoshiro256StarStar.DeriveSeed(settings.Seed, "provers.keys")));
        var keys = new Ed25519KeyPair[settings.Provers];
        for (var i = 0; i < keys.Length; i++) keys[i] = Ed25519KeyPair.Generate(keyRandom);
        // Stale provers are spread evenly; a frame holds half a shard's worth so shards fill over several frames.
        var stale = new HashSet<int>();
        for (var k = 0; k < settings.StaleProvers; k++) stale.Add((int)((long)k * settings.Provers / settings.StaleProvers));
        var perFrame = Math.Max(1, settings.SubshardThreshold / 2);
        var outcomes = new Dictionary<EnrollmentOutcome, int>();
        var missedSlot = new List<EnrollmentResult>();
        Dictionary<int, ShardAddress> previousView = [];
        ulong frame = 0;
        for (var first = 0; first < keys.Length; first += perFrame, frame++)
        {
            var last = Math.Min(keys.Length, first + perFrame);
            var nextLast = Math.Min(keys.Length, last + perFrame);
            var joins = new List<ProverJoin>();
            for (var i = first; i < last; i++)
            {
                var target = stale.Contains(i) && previousView.TryGetValue(i, out var old) ? old : registry.PlacementFor(keys[i].PeerId);
                joins.Add(ProverJoin.Create(keys[i], (ulong)(keys.Length - i), frame, target));
            }
            // What the next frame's stale provers will believe: the slots as this frame begins.
            previousView = [];
            for (var i = last; i < nextLast; i++)
            {
                if (stale.Contains(i)) previousView[i] = registry.PlacementFor(keys[i].PeerId);
            }
            foreach (var result in registry.ApplyFrame(joins))
            {
                outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
                if (result.Outcome == EnrollmentOutcome.MissedSlotUpdate) missedSlot.Add(result);
            }
        }
        var shards = registry.Shards.ToList();
        var misplaced = shards.Count(shard => shard.Depth > 0 && !registry.IsFull(ShardAddress.FromPath(shard.Path[..^1])));
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["provers"] = settings.Provers,
            ["stale_provers"] = settings.StaleProvers,
            ["subshard_threshold"] = settings.SubshardThreshold,
            ["frames"] = frame,
            ["enrolled"] = registry.Count,
            ["accepted"] = outcomes.GetValueOrDefault(EnrollmentOutcome.Accepted),
            ["redirected"] = outcomes.GetValueOrDefault(EnrollmentOutcome.Redirected),
            ["missed_slot_updates"] = missedSlot.Count,
            ["wrong_shard"] = outcomes.GetValueOrDefault(EnrollmentOutcome.WrongShard),
            ["shards"] = shards.Count,
            ["deepest_shard"] = shards.Count == 0 ? 0 : shards.Max(s => s.Depth),
            ["largest_shard"] = shards.Count == 0 ? 0 : shards.Max(s => registry.ProversOf(s).Count),
            ["shards_below_unfilled_parent"] = misplaced,
        };
        var passed = registry.Count == settings.Provers && missedSlot.Count == 0 && misplaced == 0;
        var diagnoses = new List<Diagnosis>();
        if (missedSlot.Count > 0)
        {
            var example = missedSlot[0];
            diagnoses.Add(MeshCause.Diagnose("PE-1", string.Create(CultureInfo.InvariantCulture,
                $"{missedSlot.Count} joins targeted a shard that was full before their frame began (first: {example.Prover} aimed at {example.Targeted}, belongs in {example.Expected})")));
        }
        return new ScenarioReport
        {
            Scenario = Name,
            Criterion = "prover slot enrollments shard out at the subshard threshold",
            Passed = passed,
            Population = new ScenarioPopulation(settings.Provers, 0, 0, settings.Seed),
            Figures = figures,
            Diagnoses = diagnoses,
            Engine = new ScenarioEngineStats(0, 0, "0000000000000000"),
        };
    }
}
