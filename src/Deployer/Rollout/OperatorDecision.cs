namespace Rollout.Deployer.Rollout;

/// <summary>What an operator tells a resume to do with a held or failed step.</summary>
/// <param name="Action">Retry (the default), attest or abort.</param>
/// <param name="Note">Why; required for attest and abort.</param>
/// <param name="Operator">Who decides.</param>
public sealed record OperatorDecision(DecisionAction Action, string Note, string Operator);
