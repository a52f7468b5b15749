namespace Rollout.Deployer.StateMachine;

/// <summary>A step whose intent was recorded but whose outcome was not: the process stopped inside it.</summary>
/// <param name="StepId">The journal's id for the step.</param>
/// <param name="Intent">What had been about to happen.</param>
public sealed record InterruptedStep<TState, TTrigger>(long StepId, StepIntent<TState, TTrigger> Intent)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
