namespace Rollout.Deployer.StateMachine;

/// <summary>One transition as entry and reconciliation actions see it.</summary>
/// <param name="Source">The state the trigger was fired in.</param>
/// <param name="Destination">The state being entered.</param>
/// <param name="Trigger">The trigger.</param>
/// <param name="Argument">The trigger's parameter, or null for a parameterless trigger.</param>
/// <param name="IsResume">True when a resumed process re-enters a step a previous process left unfinished.</param>
public sealed record Transition<TState, TTrigger>(TState Source, TState Destination, TTrigger Trigger, object? Argument, bool IsResume)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
