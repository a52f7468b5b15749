using Rollout.Deployer.Cli;
using Rollout.Deployer.Journal;
using Rollout.TestSupport;

namespace Rollout.IntegrationTests.Deployer;

/// <summary>
/// Kills the real rollout process with SIGKILL at journaled points (ROLLOUT_FAULT_POINT) and resumes it.
/// Deterministic: every kill happens at a named point in the step protocol, not after a delay.
/// </summary>
public sealed class KillAndResumeTests
{
    private static readonly string Plan = RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml");

    [Fact]
    public void AProcessKilledAtJournaledPoints_ResumesWithEveryCompletedStepJournaledExactlyOnce()
    {
        using var home = new TempDirectory();
        string[] where = ["--deployment", "kill-test", "--home", home.Path];

        // 1. Killed right after PeerExchange's outcome is durable, before the Hold that follows it.
        var run = RolloutProcess.Run("PeerExchange:after", ["run", "--plan", Plan, .. where]);
        AssertKilledAt(run, "PeerExchange:after");

        // 2. Resuming finds PeerExchange complete with its result and holds there: its check does not run again.
        var held = RolloutProcess.Run(null, ["resume", .. where]);
        Assert.True(held.ExitCode == ExitCodes.Held, held.Output + held.Error);
        Assert.Contains("Held at PeerExchange", held.Output, StringComparison.Ordinal);

        // 3. The operator attests PeerExchange; killed after ConnectionManagement's intent, before its check runs.
        var attest = RolloutProcess.Run("ConnectionManagement:before", ["resume", "--attest", "--note", "PX report from the bootstrap operators", "--operator", "it", .. where]);
        AssertKilledAt(attest, "ConnectionManagement:before");

        // 4. Resuming reconciles the interrupted ConnectionManagement step (no result yet, so it runs once) and holds.
        var reconciled = RolloutProcess.Run(null, ["resume", .. where]);
        Assert.True(reconciled.ExitCode == ExitCodes.Held, reconciled.Output + reconciled.Error);
        Assert.Contains("resume: ConnectionManagement was interrupted; reconciling it", reconciled.Output, StringComparison.Ordinal);
        Assert.Contains("Held at ConnectionManagement", reconciled.Output, StringComparison.Ordinal);

        // 5. Abort, killed after the Aborted step's intent; the resume completes it and reports the abort.
        AssertKilledAt(RolloutProcess.Run("Aborted:before", ["resume", "--abort", "--note", "end of test", .. where]), "Aborted:before");
        var aborted = RolloutProcess.Run(null, ["resume", .. where]);
        Assert.True(aborted.ExitCode == ExitCodes.CheckFailed, aborted.Output + aborted.Error);
        Assert.Contains("Aborted by the operator", aborted.Output, StringComparison.Ordinal);

        var journalVerb = RolloutProcess.Run(null, ["journal", .. where]);
        Assert.Equal(ExitCodes.Success, journalVerb.ExitCode);
        Assert.Contains("chain verified", journalVerb.Output, StringComparison.Ordinal);

        using var journal = DeploymentJournal.Open(home.Path, "kill-test", TimeProvider.System);
        var steps = journal.Steps();
        Assert.All(steps, s => Assert.NotNull(s.Outcome));
        Assert.Equal(
            ["PeerExchange", "Held", "ConnectionManagement", "Held", "Aborted"],
            steps.Select(s => s.Destination));
        Assert.Equal(
            ["PeerExchange:not-available", "PeerExchange:attested", "ConnectionManagement:not-available"],
            journal.CheckResults().Select(r => $"{r.Check}:{r.Result}"));
        Assert.Equal(["attest", "abort"], journal.Decisions().Select(d => d.Action));
    }

    private static void AssertKilledAt((int ExitCode, string Output, string Error) result, string point)
    {
        Assert.Contains($"fault injection: killing the process at {point}", result.Output, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux()) Assert.Equal(RolloutProcess.KilledBySigkill, result.ExitCode);
        else Assert.NotEqual(0, result.ExitCode);
    }
}
