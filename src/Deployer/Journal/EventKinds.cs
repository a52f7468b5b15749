namespace Rollout.Deployer.Journal;

/// <summary>The kinds of journal event.</summary>
public static class EventKinds
{
    /// <summary>The deployment was created.</summary>
    public const string DeploymentCreated = "deployment-created";

    /// <summary>A plan file (its hash and content) became the deployment's current plan.</summary>
    public const string PlanVersion = "plan-version";

    /// <summary>A step is about to run.</summary>
    public const string StepIntent = "step-intent";

    /// <summary>A step ended.</summary>
    public const string StepOutcome = "step-outcome";

    /// <summary>A check produced a result.</summary>
    public const string CheckResult = "check-result";

    /// <summary>An operator decided something.</summary>
    public const string Decision = "decision";

    /// <summary>An outside action (a signed transaction, an operation) is prepared, before it is sent.</summary>
    public const string OutsideActionPrepared = "outside-action-prepared";

    /// <summary>An outside action was handed to the outside system.</summary>
    public const string OutsideActionSent = "outside-action-sent";

    /// <summary>An outside action's outcome became known (or was declared unknown).</summary>
    public const string OutsideActionOutcome = "outside-action-outcome";
}
