namespace Rollout.Deployer.StateMachine;

/// <summary>The shape of a configured machine: states with their superstates, and every permitted transition.</summary>
public sealed class MachineGraph<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    internal MachineGraph(StateMachine<TState, TTrigger> machine)
    {
        Initial = machine.Initial;
        var order = Enum.GetValues<TState>().ToList();
        States = machine.States.OrderBy(s => order.IndexOf(s.State))
            .Select(s => new GraphState(s.State, s.Parent, s.IsFinal, s.Description)).ToList();
        Edges = machine.States.OrderBy(s => order.IndexOf(s.State))
            .SelectMany(s => s.Rules.Select(r => new GraphEdge(s.State, r.Trigger, r.Destination, r.SelectorDescription, r.GuardDescription)))
            .ToList();
    }

    /// <summary>The initial state.</summary>
    public TState Initial { get; }

    /// <summary>Every state in declaration order of the enum.</summary>
    public IReadOnlyList<GraphState> States { get; }

    /// <summary>Every transition rule.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>The direct substates of <paramref name="parent"/> (top-level states for null).</summary>
    public IEnumerable<GraphState> ChildrenOf(TState? parent) =>
        States.Where(s => EqualityComparer<TState?>.Default.Equals(s.Parent, parent));

    /// <summary>True when some state lies inside <paramref name="state"/>.</summary>
    public bool IsComposite(TState state) => States.Any(s => EqualityComparer<TState?>.Default.Equals(s.Parent, state));

    /// <summary>A state in the graph.</summary>
    /// <param name="State">The state.</param>
    /// <param name="Parent">Its superstate.</param>
    /// <param name="IsFinal">True when it ends the machine.</param>
    /// <param name="Description">Its one-line description.</param>
    public sealed record GraphState(TState State, TState? Parent, bool IsFinal, string? Description);

    /// <summary>A permitted transition; <paramref name="Destination"/> is null for a dynamic one.</summary>
    /// <param name="Source">State (or superstate) that permits it.</param>
    /// <param name="Trigger">The trigger.</param>
    /// <param name="Destination">The fixed destination.</param>
    /// <param name="DynamicDescription">For a dynamic transition, which state it picks.</param>
    /// <param name="Guard">The guard's description.</param>
    public sealed record GraphEdge(TState Source, TTrigger Trigger, TState? Destination, string? DynamicDescription, string? Guard)
    {
        /// <summary>The trigger with its guard, as drawn on the edge.</summary>
        public string Label => Guard is null ? Trigger.ToString() : $"{Trigger} [{Guard}]";
    }
}
