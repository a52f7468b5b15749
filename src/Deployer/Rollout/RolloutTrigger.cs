namespace Rollout.Deployer.Rollout;

/// <summary>What moves the rollout.</summary>
public enum RolloutTrigger
{
    /// <summary>Begin Stage 1.</summary>
    Start,

    /// <summary>The current step's check passed (or was attested): go to the next step.</summary>
    Pass,

    /// <summary>The current step's check failed (argument: <see cref="CheckFailure"/>).</summary>
    Fail,

    /// <summary>The current step's outcome is unknown (argument: <see cref="HoldReason"/>).</summary>
    Hold,

    /// <summary>Re-run a failed or held step (argument: the step).</summary>
    Retry,

    /// <summary>The operator attests a held step's check by other means (argument: <see cref="Attestation"/>).</summary>
    Attest,

    /// <summary>Stop the rollout.</summary>
    Abort,
}
