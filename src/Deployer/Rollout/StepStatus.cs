namespace Rollout.Deployer.Rollout;

/// <summary>One step's line in a status report.</summary>
/// <param name="Stage">Stage number, 1–4.</param>
/// <param name="Step">The step.</param>
/// <param name="Result">Its latest check result (passed, failed, not-available, attested), or pending.</param>
/// <param name="Attempts">How many times its check ran.</param>
/// <param name="CauseCode">The diagnosed cause of its latest failure.</param>
/// <param name="StartedAt">When its latest check started.</param>
/// <param name="Duration">How long its latest check took.</param>
/// <param name="Detail">Its latest result's detail.</param>
public sealed record StepStatus(int Stage, RolloutState Step, string Result, int Attempts, string? CauseCode, string? StartedAt, TimeSpan? Duration, string? Detail);
