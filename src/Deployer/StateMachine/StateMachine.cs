using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rollout.Deployer.StateMachine;

/// <summary>
/// A hierarchical state machine with guarded, parameterised triggers and async entry actions. Each
/// transition is one journaled step: intent first, then the entry actions, then the outcome, so a process
/// killed inside an action is resumed through that step's reconciliation (<see cref="ResumeAsync"/>).
/// One instance is driven by one caller at a time.
/// </summary>
public sealed class StateMachine<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    private readonly Dictionary<TState, StateConfiguration<TState, TTrigger>> _states = [];
    private readonly Dictionary<TTrigger, Type> _parameters = [];
    private readonly IStepJournal<TState, TTrigger> _journal;

    /// <summary>Creates a machine in <paramref name="initial"/>, journaling each step to <paramref name="journal"/>.</summary>
    public StateMachine(TState initial, IStepJournal<TState, TTrigger>? journal = null)
    {
        Initial = initial;
        State = initial;
        _journal = journal ?? new NullStepJournal<TState, TTrigger>();
        Configure(initial);
    }

    /// <summary>The state a new machine starts in.</summary>
    public TState Initial { get; }

    /// <summary>The current (innermost) state.</summary>
    public TState State { get; private set; }

    /// <summary>Every configured state.</summary>
    public IReadOnlyCollection<StateConfiguration<TState, TTrigger>> States => _states.Values;

    /// <summary>Returns the configuration of <paramref name="state"/>, creating it on first use.</summary>
    public StateConfiguration<TState, TTrigger> Configure(TState state)
    {
        if (!_states.TryGetValue(state, out var configuration))
        {
            configuration = new StateConfiguration<TState, TTrigger>(this, state);
            _states[state] = configuration;
        }
        return configuration;
    }

    /// <summary>Declares that <paramref name="trigger"/> carries an argument of type <typeparamref name="TArg"/>.</summary>
    public TriggerWithParameters<TTrigger, TArg> SetTriggerParameters<TArg>(TTrigger trigger)
    {
        _parameters[trigger] = typeof(TArg);
        return new TriggerWithParameters<TTrigger, TArg>(trigger);
    }

    /// <summary>The superstate of <paramref name="state"/>, if any.</summary>
    public TState? ParentOf(TState state) => _states.TryGetValue(state, out var c) ? c.Parent : null;

    /// <summary>True when the current state is <paramref name="state"/> or inside it.</summary>
    public bool IsInState(TState state) => Lineage(State).Contains(state);

    /// <summary>Triggers permitted now, inherited ones included; guards over an argument cannot be judged and count as permitted.</summary>
    public IReadOnlyList<TTrigger> GetPermittedTriggers() =>
        Lineage(State).SelectMany(s => _states[s].Rules)
            .Where(r => r.Guard is null || _parameters.ContainsKey(r.Trigger) || r.Guard(null))
            .Select(r => r.Trigger).Distinct().ToList();

    /// <summary>Fires a parameterless trigger.</summary>
    public Task FireAsync(TTrigger trigger, CancellationToken cancellationToken = default)
    {
        if (_parameters.ContainsKey(trigger)) throw new InvalidOperationException($"{trigger} needs an argument of type {_parameters[trigger].Name}");
        return FireCoreAsync(trigger, null, cancellationToken);
    }

    /// <summary>Fires a parameterised trigger with its argument.</summary>
    public Task FireAsync<TArg>(TriggerWithParameters<TTrigger, TArg> trigger, TArg argument, CancellationToken cancellationToken = default) =>
        FireCoreAsync(trigger.Trigger, argument, cancellationToken);

    /// <summary>
    /// Restores a machine after a restart: sets <paramref name="state"/>, or, when a step was interrupted,
    /// asks that step's reconciliation whether its effect happened and re-runs or closes it accordingly.
    /// </summary>
    public async Task<Reconciliation> ResumeAsync(TState state, InterruptedStep<TState, TTrigger>? interrupted, CancellationToken cancellationToken = default)
    {
        if (interrupted is null)
        {
            State = state;
            return Reconciliation.Completed;
        }
        var intent = interrupted.Intent;
        var argument = intent.ArgumentJson is null || !_parameters.TryGetValue(intent.Trigger, out var type)
            ? null
            : JsonSerializer.Deserialize(intent.ArgumentJson, type, Json);
        var transition = new Transition<TState, TTrigger>(intent.Source, intent.Destination, intent.Trigger, argument, IsResume: true);
        State = intent.Destination;
        var reconcile = Configure(intent.Destination).Reconcile;
        var verdict = reconcile is null ? Reconciliation.Redo : await reconcile(transition, cancellationToken);
        switch (verdict)
        {
            case Reconciliation.Redo:
                await RunEntriesAsync(transition, cancellationToken);
                await _journal.RecordOutcomeAsync(interrupted.StepId, StepOutcome.Completed, cancellationToken);
                break;
            case Reconciliation.Completed:
                await _journal.RecordOutcomeAsync(interrupted.StepId, StepOutcome.Reconciled, cancellationToken);
                break;
            default:
                await _journal.RecordOutcomeAsync(interrupted.StepId, StepOutcome.Unknown, cancellationToken);
                break;
        }
        return verdict;
    }

    /// <summary>The machine's shape, for export and introspection.</summary>
    public MachineGraph<TState, TTrigger> Graph() => new(this);

    /// <summary>The state and its superstates, innermost first.</summary>
    public IReadOnlyList<TState> Lineage(TState state)
    {
        var list = new List<TState>();
        for (TState? s = state; s is { } current; s = ParentOf(current)) list.Add(current);
        return list;
    }

    private async Task FireCoreAsync(TTrigger trigger, object? argument, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rule = Resolve(trigger, argument);
        var destination = rule.Destination ?? rule.Selector!(argument);
        if (!_states.ContainsKey(destination)) throw new InvalidOperationException($"{trigger} leads to unconfigured state {destination}");
        var json = argument is null ? null : JsonSerializer.Serialize(argument, _parameters[trigger], Json);
        var source = State;
        var stepId = await _journal.RecordIntentAsync(new StepIntent<TState, TTrigger>(source, trigger, destination, json), cancellationToken);
        State = destination;
        await RunEntriesAsync(new Transition<TState, TTrigger>(source, destination, trigger, argument, IsResume: false), cancellationToken);
        await _journal.RecordOutcomeAsync(stepId, StepOutcome.Completed, cancellationToken);
    }

    private TransitionRule<TState, TTrigger> Resolve(TTrigger trigger, object? argument)
    {
        var refusals = new List<string>();
        foreach (var state in Lineage(State))
        {
            var candidates = _states[state].Rules.Where(r => EqualityComparer<TTrigger>.Default.Equals(r.Trigger, trigger)).ToList();
            var passing = candidates.Where(r => r.Guard is null || r.Guard(argument)).ToList();
            refusals.AddRange(candidates.Except(passing).Select(r => $"{state}: {r.GuardDescription}"));
            if (passing.Count > 1) throw new InvalidOperationException($"{trigger} in {state}: more than one guard allows it");
            if (passing.Count == 1) return passing[0];
        }
        var why = refusals.Count == 0 ? "no transition for it" : "guard refused (" + string.Join("; ", refusals) + ")";
        throw new TriggerNotPermittedException($"{trigger} is not permitted in {State}: {why}");
    }

    /// <summary>Runs the entry actions of every state entered, outermost first; re-entering a state runs its own.</summary>
    private async Task RunEntriesAsync(Transition<TState, TTrigger> transition, CancellationToken cancellationToken)
    {
        var left = Lineage(transition.Source);
        var entered = Lineage(transition.Destination).Where(s => !left.Contains(s)).Reverse().ToList();
        if (entered.Count == 0) entered.Add(transition.Destination);
        foreach (var state in entered)
        {
            foreach (var entry in _states[state].Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await entry(transition, cancellationToken);
            }
        }
    }
}
