namespace Rollout.Deployer.Journal;

/// <summary>A journaled check result.</summary>
/// <param name="Seq">Its event's seq.</param>
/// <param name="StepId">The step that ran it.</param>
/// <param name="Check">Check name.</param>
/// <param name="Result">passed, failed, not-available or attested.</param>
/// <param name="CauseCode">Catalog cause of a failure.</param>
/// <param name="Detail">What was measured or why not.</param>
/// <param name="StartedAt">Start time.</param>
/// <param name="FinishedAt">End time.</param>
public sealed record CheckResultRecord(long Seq, long StepId, string Check, string Result, string? CauseCode, string Detail, string StartedAt, string FinishedAt);
