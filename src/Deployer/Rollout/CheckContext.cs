using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;

namespace Rollout.Deployer.Rollout;

/// <summary>What a check may look at: the plan in force, the journal (read and outside-action log), the clock.</summary>
/// <param name="Plan">The plan version in force.</param>
/// <param name="OutsideActions">The journal's outside-action log, or null in a dry run.</param>
/// <param name="Time">The clock.</param>
public sealed record CheckContext(RolloutPlan Plan, IOutsideActionLog? OutsideActions, TimeProvider Time);
