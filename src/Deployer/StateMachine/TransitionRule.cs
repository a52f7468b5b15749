namespace Rollout.Deployer.StateMachine;

/// <summary>One permitted transition: a fixed destination or a selector over the trigger's argument, with an optional guard.</summary>
internal sealed record TransitionRule<TState, TTrigger>(
    TTrigger Trigger,
    TState? Destination,
    Func<object?, TState>? Selector,
    string? SelectorDescription,
    Func<object?, bool>? Guard,
    string? GuardDescription)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
