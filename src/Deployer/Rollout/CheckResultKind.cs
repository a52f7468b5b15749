namespace Rollout.Deployer.Rollout;

/// <summary>How a check ended.</summary>
public enum CheckResultKind
{
    /// <summary>The success criterion was measured and met.</summary>
    Passed,

    /// <summary>The criterion was measured and not met; a cause was diagnosed.</summary>
    Failed,

    /// <summary>The check could not be evaluated (a component or an outside system is missing); never a pass.</summary>
    NotAvailable,

    /// <summary>Not measured by rollout: an operator vouched for it, journaled as a decision.</summary>
    Attested,
}
