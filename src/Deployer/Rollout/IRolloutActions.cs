using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Rollout;

/// <summary>What the rollout machine's states do; the runner implements it, drawing and dry runs use <see cref="InertRolloutActions"/>.</summary>
public interface IRolloutActions
{
    /// <summary>Entry of a step: run its check and journal the result.</summary>
    Task RunCheckAsync(RolloutState step, CancellationToken cancellationToken = default);

    /// <summary>Reconciliation of a step interrupted between intent and outcome.</summary>
    Task<Reconciliation> ReconcileCheckAsync(RolloutState step, CancellationToken cancellationToken = default);

    /// <summary>Guard of <see cref="RolloutTrigger.Pass"/>: the step's latest result is a measured pass.</summary>
    bool MayPass(RolloutState step);
}
