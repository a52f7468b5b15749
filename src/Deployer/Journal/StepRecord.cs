namespace Rollout.Deployer.Journal;

/// <summary>A journaled step: its intent and, once known, its outcome.</summary>
/// <param name="StepId">The intent event's seq.</param>
/// <param name="Source">State left.</param>
/// <param name="Trigger">Trigger fired.</param>
/// <param name="Destination">State entered.</param>
/// <param name="Argument">Trigger argument JSON.</param>
/// <param name="IntentAt">When the intent was recorded.</param>
/// <param name="Outcome">Completed, Reconciled, Unknown, or null while open.</param>
/// <param name="OutcomeAt">When the outcome was recorded.</param>
public sealed record StepRecord(long StepId, string Source, string Trigger, string Destination, string? Argument, string IntentAt, string? Outcome, string? OutcomeAt);
