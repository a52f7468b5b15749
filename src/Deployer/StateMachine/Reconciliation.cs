namespace Rollout.Deployer.StateMachine;

/// <summary>What a step's reconciliation found when a resumed process meets it unfinished.</summary>
public enum Reconciliation
{
    /// <summary>The step's effect is already in place: record it complete without acting again.</summary>
    Completed,

    /// <summary>The step had no effect yet: run its entry actions again.</summary>
    Redo,

    /// <summary>The effect cannot be established (e.g. a sent transaction with no receipt): an operator decides.</summary>
    Unknown,
}
