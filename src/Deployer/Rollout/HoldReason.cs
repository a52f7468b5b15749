namespace Rollout.Deployer.Rollout;

/// <summary>The argument of <see cref="RolloutTrigger.Hold"/>: which step, and why its outcome is unknown.</summary>
/// <param name="Check">The held step.</param>
/// <param name="Reason">Why it cannot be settled without an operator.</param>
public sealed record HoldReason(RolloutState Check, string Reason);
