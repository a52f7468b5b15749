namespace Rollout.Deployer.MeshChecks;

/// <summary>The verdict a mesh step reads from a scenario report under the plan's thresholds, and what it compared.</summary>
/// <param name="Passed">True when the plan's threshold is met.</param>
/// <param name="Compared">Which figure was compared with which threshold, with both values.</param>
public sealed record MeshComparison(bool Passed, string Compared);
