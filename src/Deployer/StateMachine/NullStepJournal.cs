namespace Rollout.Deployer.StateMachine;

/// <summary>A journal that keeps nothing: for machines that are only drawn or dry-run.</summary>
public sealed class NullStepJournal<TState, TTrigger> : IStepJournal<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private long _next;

    /// <inheritdoc/>
    public Task<long> RecordIntentAsync(StepIntent<TState, TTrigger> intent, CancellationToken cancellationToken = default) =>
        Task.FromResult(Interlocked.Increment(ref _next));

    /// <inheritdoc/>
    public Task RecordOutcomeAsync(long stepId, StepOutcome outcome, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
