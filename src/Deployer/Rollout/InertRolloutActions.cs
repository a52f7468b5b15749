using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Rollout;

/// <summary>Actions that do nothing and permit nothing: for drawing the machine.</summary>
public sealed class InertRolloutActions : IRolloutActions
{
    /// <inheritdoc/>
    public Task RunCheckAsync(RolloutState step, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<Reconciliation> ReconcileCheckAsync(RolloutState step, CancellationToken cancellationToken = default) => Task.FromResult(Reconciliation.Redo);

    /// <inheritdoc/>
    public bool MayPass(RolloutState step) => false;
}
