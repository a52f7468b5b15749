using Rollout.Deployer.Faults;
using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Journal;

/// <summary>
/// The state machine's <see cref="IStepJournal{TState, TTrigger}"/> on a <see cref="DeploymentJournal"/>, with the
/// fault points at the two instants a crash matters: just after an intent is durable, just after an outcome is.
/// </summary>
public sealed class JournaledSteps<TState, TTrigger>(DeploymentJournal journal, IFaultInjector faults) : IStepJournal<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    /// <inheritdoc/>
    public Task<long> RecordIntentAsync(StepIntent<TState, TTrigger> intent, CancellationToken cancellationToken = default)
    {
        var id = journal.AppendStepIntent(intent.Source.ToString(), intent.Trigger.ToString(), intent.Destination.ToString(), intent.ArgumentJson);
        faults.Reached(intent.Destination.ToString(), FaultPhase.Before);
        return Task.FromResult(id);
    }

    /// <inheritdoc/>
    public Task RecordOutcomeAsync(long stepId, StepOutcome outcome, CancellationToken cancellationToken = default)
    {
        journal.AppendStepOutcome(stepId, outcome.ToString());
        var step = journal.Steps().Single(s => s.StepId == stepId);
        faults.Reached(step.Destination, FaultPhase.After);
        return Task.CompletedTask;
    }

    /// <summary>Where the journal says the machine is, and the step left unfinished if any.</summary>
    public (TState State, InterruptedStep<TState, TTrigger>? Interrupted) ResumePoint(TState initial)
    {
        var steps = journal.Steps();
        if (steps.Count == 0) return (initial, null);
        var last = steps[^1];
        var destination = Enum.Parse<TState>(last.Destination);
        if (last.Outcome is not null) return (destination, null);
        var intent = new StepIntent<TState, TTrigger>(Enum.Parse<TState>(last.Source), Enum.Parse<TTrigger>(last.Trigger), destination, last.Argument);
        return (intent.Source, new InterruptedStep<TState, TTrigger>(last.StepId, intent));
    }
}
