using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Rollout;

/// <summary>
/// The rollout as a state machine: Planned, the four stages' steps in order, and Failed, Held, Aborted.
/// Fail, Hold and Abort are permitted on the stage superstates, so every step inherits them.
/// </summary>
public sealed class RolloutMachine
{
    /// <summary>Builds the machine over <paramref name="journal"/> with <paramref name="actions"/>.</summary>
    public RolloutMachine(IStepJournal<RolloutState, RolloutTrigger>? journal, IRolloutActions actions)
    {
        Machine = new StateMachine<RolloutState, RolloutTrigger>(RolloutState.Planned, journal);
        Fail = Machine.SetTriggerParameters<CheckFailure>(RolloutTrigger.Fail);
        Hold = Machine.SetTriggerParameters<HoldReason>(RolloutTrigger.Hold);
        Retry = Machine.SetTriggerParameters<RolloutState>(RolloutTrigger.Retry);
        Attest = Machine.SetTriggerParameters<Attestation>(RolloutTrigger.Attest);

        Machine.Configure(RolloutState.Planned).Describe("plan adopted")
            .Permit(RolloutTrigger.Start, RolloutSteps.All[0])
            .Permit(RolloutTrigger.Abort, RolloutState.Aborted);
        foreach (var (stage, number, steps) in RolloutSteps.Stages)
        {
            Machine.Configure(stage).Describe($"Stage {number}")
                .Permit(RolloutTrigger.Fail, RolloutState.Failed)
                .Permit(RolloutTrigger.Hold, RolloutState.Held)
                .Permit(RolloutTrigger.Abort, RolloutState.Aborted);
            foreach (var step in steps)
            {
                Machine.Configure(step).SubstateOf(stage)
                    .PermitIf(RolloutTrigger.Pass, RolloutSteps.Next(step), () => actions.MayPass(step), "its check passed")
                    .OnEntryAsync((_, ct) => actions.RunCheckAsync(step, ct))
                    .OnReconcileAsync((_, ct) => actions.ReconcileCheckAsync(step, ct));
            }
        }
        Machine.Configure(RolloutState.Live).Describe("fully live").Final();
        Machine.Configure(RolloutState.Failed).Describe("a check failed, apply the resolution, then resume")
            .PermitDynamic(Retry, step => step, "the failed step (after the resolution)")
            .Permit(RolloutTrigger.Abort, RolloutState.Aborted);
        Machine.Configure(RolloutState.Held).Describe("outcome unknown, an operator decides")
            .PermitDynamic(Retry, step => step, "the held step")
            .PermitDynamic(Attest, a => RolloutSteps.Next(a.Check), "the step after the attested one")
            .Permit(RolloutTrigger.Abort, RolloutState.Aborted);
        Machine.Configure(RolloutState.Aborted).Describe("stopped by the operator").Final();
    }

    /// <summary>The underlying machine.</summary>
    public StateMachine<RolloutState, RolloutTrigger> Machine { get; }

    /// <summary>The Fail trigger with its diagnosis.</summary>
    public TriggerWithParameters<RolloutTrigger, CheckFailure> Fail { get; }

    /// <summary>The Hold trigger with its reason.</summary>
    public TriggerWithParameters<RolloutTrigger, HoldReason> Hold { get; }

    /// <summary>The Retry trigger with the step to re-run.</summary>
    public TriggerWithParameters<RolloutTrigger, RolloutState> Retry { get; }

    /// <summary>The Attest trigger with the attestation.</summary>
    public TriggerWithParameters<RolloutTrigger, Attestation> Attest { get; }

    /// <summary>The machine's graph, drawn without a journal.</summary>
    public static MachineGraph<RolloutState, RolloutTrigger> Graph() => new RolloutMachine(null, new InertRolloutActions()).Machine.Graph();
}
