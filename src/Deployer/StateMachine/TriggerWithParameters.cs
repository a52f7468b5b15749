namespace Rollout.Deployer.StateMachine;

/// <summary>A trigger that carries a typed parameter (e.g. a failed check's diagnosis).</summary>
/// <param name="Trigger">The underlying trigger.</param>
public sealed record TriggerWithParameters<TTrigger, TArg>(TTrigger Trigger)
    where TTrigger : struct, Enum;
