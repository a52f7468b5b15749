namespace Rollout.Deployer.StateMachine;

/// <summary>
/// Where the engine writes intent before it acts and the outcome after. A state stored only after an entry
/// action cannot survive a crash inside that action; with intent first, a resumed process knows which step
/// was interrupted and asks that step's reconciliation what happened.
/// </summary>
public interface IStepJournal<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    /// <summary>Durably records that <paramref name="intent"/> is about to run; returns the step's id.</summary>
    Task<long> RecordIntentAsync(StepIntent<TState, TTrigger> intent, CancellationToken cancellationToken = default);

    /// <summary>Durably records how step <paramref name="stepId"/> ended.</summary>
    Task RecordOutcomeAsync(long stepId, StepOutcome outcome, CancellationToken cancellationToken = default);
}
