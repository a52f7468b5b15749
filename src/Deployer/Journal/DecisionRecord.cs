namespace Rollout.Deployer.Journal;

/// <summary>A journaled operator decision.</summary>
/// <param name="Seq">Its event's seq.</param>
/// <param name="At">When.</param>
/// <param name="Action">What was decided.</param>
/// <param name="Subject">About what.</param>
/// <param name="Note">Why.</param>
/// <param name="Operator">Who.</param>
public sealed record DecisionRecord(long Seq, string At, string Action, string Subject, string Note, string Operator);
