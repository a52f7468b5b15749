namespace Rollout.Deployer.Rollout;

/// <summary>An operator's choice for a held or failed step.</summary>
public enum DecisionAction
{
    /// <summary>Run the step's check again (after applying a resolution, or once the missing part exists).</summary>
    Retry,

    /// <summary>Vouch for a held step's criterion by other means; journaled as an attestation, never as a pass.</summary>
    Attest,

    /// <summary>Stop the rollout.</summary>
    Abort,
}
