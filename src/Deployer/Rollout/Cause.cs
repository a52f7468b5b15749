namespace Rollout.Deployer.Rollout;

/// <summary>A diagnosed cause of a check failure and the resolution it calls for.</summary>
/// <param name="Code">Short stable code, e.g. <c>PX-1</c>.</param>
/// <param name="Check">The step whose check diagnoses it.</param>
/// <param name="Text">The cause.</param>
/// <param name="Resolution">The proposed resolution.</param>
/// <param name="PlanSetting">The plan setting the resolution changes, when it is a plan change.</param>
/// <param name="Source">Seed or project.</param>
public sealed record Cause(string Code, RolloutState Check, string Text, string Resolution, string? PlanSetting, CauseSource Source);
