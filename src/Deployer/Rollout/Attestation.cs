namespace Rollout.Deployer.Rollout;

/// <summary>The argument of <see cref="RolloutTrigger.Attest"/>: the held step an operator vouches for, and their evidence.</summary>
/// <param name="Check">The held step.</param>
/// <param name="Note">The evidence (e.g. where the test's results were published).</param>
public sealed record Attestation(RolloutState Check, string Note);
