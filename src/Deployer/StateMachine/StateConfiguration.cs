namespace Rollout.Deployer.StateMachine;

/// <summary>Configures one state: its superstate, permitted transitions, entry actions and reconciliation.</summary>
public sealed class StateConfiguration<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly StateMachine<TState, TTrigger> _machine;
    private readonly List<TransitionRule<TState, TTrigger>> _rules = [];
    private readonly List<Func<Transition<TState, TTrigger>, CancellationToken, Task>> _entries = [];

    internal StateConfiguration(StateMachine<TState, TTrigger> machine, TState state)
    {
        _machine = machine;
        State = state;
    }

    /// <summary>The configured state.</summary>
    public TState State { get; }

    /// <summary>The superstate, if any.</summary>
    public TState? Parent { get; private set; }

    /// <summary>True when the state ends the machine's run (drawn with an edge to the final pseudo-state).</summary>
    public bool IsFinal { get; private set; }

    /// <summary>A one-line description for graphs and dry runs.</summary>
    public string? Description { get; private set; }

    internal IReadOnlyList<TransitionRule<TState, TTrigger>> Rules => _rules;

    internal IReadOnlyList<Func<Transition<TState, TTrigger>, CancellationToken, Task>> Entries => _entries;

    internal Func<Transition<TState, TTrigger>, CancellationToken, Task<Reconciliation>>? Reconcile { get; private set; }

    /// <summary>Places this state inside <paramref name="parent"/>: the parent's transitions apply here too.</summary>
    public StateConfiguration<TState, TTrigger> SubstateOf(TState parent)
    {
        for (TState? p = parent; p is { } current; p = _machine.ParentOf(current))
        {
            if (EqualityComparer<TState>.Default.Equals(current, State)) throw new InvalidOperationException($"{State} cannot be inside itself");
        }
        _machine.Configure(parent);
        Parent = parent;
        return this;
    }

    /// <summary>Sets the state's one-line description.</summary>
    public StateConfiguration<TState, TTrigger> Describe(string description)
    {
        Description = description;
        return this;
    }

    /// <summary>Marks the state as an end of the machine.</summary>
    public StateConfiguration<TState, TTrigger> Final()
    {
        IsFinal = true;
        return this;
    }

    /// <summary>Permits <paramref name="trigger"/> to move to <paramref name="destination"/>.</summary>
    public StateConfiguration<TState, TTrigger> Permit(TTrigger trigger, TState destination) =>
        Add(new(trigger, destination, null, null, null, null));

    /// <summary>Permits <paramref name="trigger"/> only when <paramref name="guard"/> holds; the description explains a refusal.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf(TTrigger trigger, TState destination, Func<bool> guard, string guardDescription) =>
        Add(new(trigger, destination, null, null, _ => guard(), guardDescription));

    /// <summary>Permits a parameterised trigger when <paramref name="guard"/> holds for its argument.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger, TState destination, Func<TArg, bool> guard, string guardDescription) =>
        Add(new(trigger.Trigger, destination, null, null, a => guard((TArg)a!), guardDescription));

    /// <summary>Permits a parameterised trigger whose destination is chosen from its argument.</summary>
    public StateConfiguration<TState, TTrigger> PermitDynamic<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger, Func<TArg, TState> selector, string destinationDescription) =>
        Add(new(trigger.Trigger, null, a => selector((TArg)a!), destinationDescription, null, null));

    /// <summary>Adds an entry action; it runs when this state (or, for a superstate, its first substate) is entered.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryAsync(Func<Transition<TState, TTrigger>, CancellationToken, Task> action)
    {
        _entries.Add(action);
        return this;
    }

    /// <summary>
    /// Sets how a resumed process settles this step when it was interrupted between intent and outcome.
    /// Without one, the entry actions run again, so they must then be safe to repeat.
    /// </summary>
    public StateConfiguration<TState, TTrigger> OnReconcileAsync(Func<Transition<TState, TTrigger>, CancellationToken, Task<Reconciliation>> reconcile)
    {
        Reconcile = reconcile;
        return this;
    }

    private StateConfiguration<TState, TTrigger> Add(TransitionRule<TState, TTrigger> rule)
    {
        _rules.Add(rule);
        return this;
    }
}
