using System.Text;
using Rollout.Deployer.Plans;

namespace Rollout.Deployer.Rollout;

/// <summary>Describes what a run under a plan would do, step by step, without touching anything.</summary>
public static class DryRun
{
    /// <summary>The dry run's text.</summary>
    public static string Describe(RolloutPlan plan, IEnumerable<IStageCheck> checks, TimeProvider time)
    {
        var byStep = checks.ToDictionary(c => c.Step);
        var context = new CheckContext(plan, null, time);
        var text = new StringBuilder();
        text.AppendLine($"Dry run of {Path.GetFileName(plan.Source)} ({plan.Network.ToString().ToLowerInvariant()}, sha256 {plan.Sha256Hex[..16]}…): nothing is written, nothing is contacted.");
        text.AppendLine($"Planned: adopt the plan as version 1; {plan.Signatories.Count} signatories (release quorum {plan.Quorum.Release}, unlock quorum {plan.Quorum.Unlock}), {plan.BootstrapPeers.Count} bootstrap peers, Ethereum chain {plan.Ethereum.ChainId} at {plan.Ethereum.RpcUrl}.");
        foreach (var (stage, number, steps) in RolloutSteps.Stages)
        {
            text.AppendLine($"Stage {number} {stage}");
            foreach (var step in steps)
            {
                var check = byStep[step];
                text.AppendLine($"  {step}: {check.Describe(context)}");
                text.AppendLine(check is NotAvailableCheck missing
                    ? $"    check: not available yet; a run holds here. Needs {missing.Needs}"
                    : $"    check: {check.GetType().Name}");
                foreach (var cause in CauseCatalog.For(step))
                {
                    text.AppendLine($"    on failure {cause.Code}: {cause.Text} -> {cause.Resolution}");
                }
            }
        }
        text.AppendLine("Live: every step passed.");
        return text.ToString();
    }
}
