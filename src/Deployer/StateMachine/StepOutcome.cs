namespace Rollout.Deployer.StateMachine;

/// <summary>How a journaled step ended.</summary>
public enum StepOutcome
{
    /// <summary>Its entry actions ran to the end.</summary>
    Completed,

    /// <summary>A resumed process found its effect already in place and did not act again.</summary>
    Reconciled,

    /// <summary>A resumed process could not tell whether it took effect.</summary>
    Unknown,
}
