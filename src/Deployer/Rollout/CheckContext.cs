using Rollout.Deployer.Faults;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;

namespace Rollout.Deployer.Rollout;

/// <summary>What a check may look at: the plan in force, the journal (read and outside-action log), the clock.</summary>
/// <param name="Plan">The plan version in force.</param>
/// <param name="OutsideActions">The journal's outside-action log, or null in a dry run.</param>
/// <param name="Time">The clock.</param>
public sealed record CheckContext(RolloutPlan Plan, IOutsideActionLog? OutsideActions, TimeProvider Time)
{
    /// <summary>The journaled step running the check (its intent's seq); an acting step files its outside actions under it.</summary>
    public long StepId { get; init; }

    /// <summary>The deployment being run, or null in a dry run (no deployment exists yet).</summary>
    public string? DeploymentId { get; init; }

    /// <summary>The fault points of a rehearsal; an acting step reports its own journaled points to it.</summary>
    public IFaultInjector Faults { get; init; } = NoFaults.Instance;
}
