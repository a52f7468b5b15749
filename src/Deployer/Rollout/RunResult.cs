namespace Rollout.Deployer.Rollout;

/// <summary>Where a run or resume stopped, its exit code, and what to tell the operator.</summary>
/// <param name="State">The state it stopped in.</param>
/// <param name="ExitCode">Per the CLI contract: 0 live, 1 failed or aborted, 3 an outside system unreachable, 4 held.</param>
/// <param name="Message">What happened and what the operator must do.</param>
public sealed record RunResult(RolloutState State, int ExitCode, string Message);
