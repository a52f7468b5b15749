using Rollout.Deployer.Rollout;

namespace Rollout.Deployer.Tests.Rollout;

/// <summary>A check whose results a test scripts, counting how often it runs.</summary>
internal sealed class ScriptedCheck(RolloutState step, Func<int, CheckResult> result) : IStageCheck
{
    public RolloutState Step { get; } = step;

    public int Runs { get; private set; }

    public string Describe(CheckContext context) => "scripted";

    public Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(result(++Runs));

    public static List<ScriptedCheck> AllPassing() =>
        RolloutSteps.All.Select(s => new ScriptedCheck(s, _ => CheckResult.Passed("measured"))).ToList();
}
