using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Tests.StateMachine;

/// <summary>Keeps every intent and outcome in memory, in order, as "intent:Source>Destination" and "outcome:N:Kind".</summary>
internal sealed class RecordingJournal<TState, TTrigger> : IStepJournal<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public List<string> Entries { get; } = [];

    public List<StepIntent<TState, TTrigger>> Intents { get; } = [];

    public Dictionary<long, StepOutcome> Outcomes { get; } = [];

    public Task<long> RecordIntentAsync(StepIntent<TState, TTrigger> intent, CancellationToken cancellationToken = default)
    {
        Intents.Add(intent);
        Entries.Add($"intent:{intent.Source}>{intent.Destination}");
        return Task.FromResult((long)Intents.Count);
    }

    public Task RecordOutcomeAsync(long stepId, StepOutcome outcome, CancellationToken cancellationToken = default)
    {
        Outcomes[stepId] = outcome;
        Entries.Add($"outcome:{stepId}:{outcome}");
        return Task.CompletedTask;
    }
}
