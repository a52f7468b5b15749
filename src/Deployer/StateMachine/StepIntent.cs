namespace Rollout.Deployer.StateMachine;

/// <summary>What the engine is about to do, recorded before any entry action runs.</summary>
/// <param name="Source">State the trigger fired in.</param>
/// <param name="Trigger">The trigger.</param>
/// <param name="Destination">State about to be entered.</param>
/// <param name="ArgumentJson">The trigger's parameter as JSON, or null.</param>
public sealed record StepIntent<TState, TTrigger>(TState Source, TTrigger Trigger, TState Destination, string? ArgumentJson)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
