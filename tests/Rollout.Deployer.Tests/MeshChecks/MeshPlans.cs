using System.Text;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.MeshChecks;

/// <summary>The rehearsal sample plan, with edits, and check contexts on it.</summary>
internal static class MeshPlans
{
    public static string SampleText => File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));

    /// <summary>The rehearsal sample with each (find, replace) applied; every find must be in it.</summary>
    public static RolloutPlan Rehearsal(params (string Find, string Replace)[] edits)
    {
        var text = SampleText;
        foreach (var (find, replace) in edits)
        {
            Assert.Contains(find, text, StringComparison.Ordinal);
            text = text.Replace(find, replace, StringComparison.Ordinal);
        }
        return PlanReader.Validate(Encoding.UTF8.GetBytes(text), RepoPaths.Combine("ops", "samples", "plans", "edited.yaml")).PlanOrThrow();
    }

    /// <summary>The rehearsal sample with simulated faults injected under <c>testnet:</c>.</summary>
    public static RolloutPlan WithFaults(string faults) =>
        Rehearsal(("testnet:\n  fault_injection: true\n", $"testnet:\n  fault_injection: true\n  simulated_faults:\n{faults}"));

    /// <summary>The mainnet example plan.</summary>
    public static RolloutPlan Mainnet => PlanReader.Read(RepoPaths.Combine("ops", "samples", "plans", "mainnet.example.yaml"));

    /// <summary>A context with no journal (the seed then comes from the plan's hash).</summary>
    public static CheckContext Context(RolloutPlan plan) => new(plan, null, new ManualTimeProvider());

    /// <summary>A context whose journal is deployment <paramref name="id"/>'s, created under <paramref name="home"/>.</summary>
    public static (CheckContext Context, DeploymentJournal Journal) Deployment(RolloutPlan plan, string home, string id)
    {
        var time = new ManualTimeProvider();
        var journal = DeploymentJournal.Create(home, id, time);
        return (new CheckContext(plan, journal, time) { DeploymentId = id }, journal);
    }
}
