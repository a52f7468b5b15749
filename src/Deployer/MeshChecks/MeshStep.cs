using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;
using Rollout.Mesh.Scenarios;

namespace Rollout.Deployer.MeshChecks;

/// <summary>One stage 1 or 2 step as a simulator scenario: its criterion under a plan and how its verdict is read.</summary>
/// <param name="Step">The rollout step.</param>
/// <param name="Scenario">The scenario's name in <see cref="MeshScenarios"/>.</param>
/// <param name="Criterion">The seed's success condition under the plan's thresholds.</param>
/// <param name="Compare">Reads the verdict from a report run with the given settings, under the plan.</param>
/// <param name="GenericCause">The catalog cause a failing report without a diagnosis falls back to, where the catalog has one.</param>
public sealed record MeshStep(
    RolloutState Step,
    string Scenario,
    Func<RolloutPlan, string> Criterion,
    Func<ScenarioReport, ScenarioSettings, RolloutPlan, MeshComparison> Compare,
    string? GenericCause = null)
{
    /// <summary>A figure of <paramref name="report"/>; a report without it cannot be judged, which is never a pass.</summary>
    public static double Figure(ScenarioReport report, string name) =>
        (report ?? throw new ArgumentNullException(nameof(report))).Figures.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"the {report.Scenario} report has no figure {name}");
}
