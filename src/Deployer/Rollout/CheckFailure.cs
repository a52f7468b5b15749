namespace Rollout.Deployer.Rollout;

/// <summary>The argument of <see cref="RolloutTrigger.Fail"/>: which check, the diagnosed cause and its resolution.</summary>
/// <param name="Check">The step whose check failed.</param>
/// <param name="CauseCode">The catalog cause (e.g. PX-1).</param>
/// <param name="Cause">The diagnosed cause.</param>
/// <param name="Resolution">The proposed resolution.</param>
/// <param name="Detail">What was measured.</param>
public sealed record CheckFailure(RolloutState Check, string CauseCode, string Cause, string Resolution, string Detail);
