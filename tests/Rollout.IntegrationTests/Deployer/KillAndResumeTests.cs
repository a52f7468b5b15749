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

        // 1. Killed right after PeerExchange's outcome (passed on the simulator) is durable, before ConnectionManagement starts.
        var run = RolloutProcess.Run("PeerExchange:after", ["run", "--plan", Plan, .. where]);
        RolloutProcess.AssertKilledAt(run, "PeerExchange:after");
        Assert.Contains("PeerExchange: passed: ", run.Output, StringComparison.Ordinal);

        // 2. Resuming finds PeerExchange complete and does not simulate it again; ConnectionManagement passes, and the
        //    process dies after RoutingSuccess's intent, before its check runs.
        var second = RolloutProcess.Run("RoutingSuccess:before", ["resume", .. where]);
        RolloutProcess.AssertKilledAt(second, "RoutingSuccess:before");
        Assert.DoesNotContain("PeerExchange: passed", second.Output, StringComparison.Ordinal);
        Assert.Contains("ConnectionManagement: passed: ", second.Output, StringComparison.Ordinal);

        // 3. Resuming reconciles the interrupted RoutingSuccess step (no result yet, so it runs once), passes stage 1
        //    and holds at ReleaseSigned: the plan names no release binary.
        var reconciled = RolloutProcess.Run(null, ["resume", .. where]);
        Assert.True(reconciled.ExitCode == ExitCodes.Held, reconciled.Output + reconciled.Error);
        Assert.Contains("resume: RoutingSuccess was interrupted; reconciling it", reconciled.Output, StringComparison.Ordinal);
        Assert.Contains("Held at ReleaseSigned", reconciled.Output, StringComparison.Ordinal);

        // 4. The operator attests ReleaseSigned; killed after StasisLocked's intent, before its check runs; the resume holds there.
        var attest = RolloutProcess.Run("StasisLocked:before", ["resume", "--attest", "--note", "release digest checked by hand", "--operator", "it", .. where]);
        RolloutProcess.AssertKilledAt(attest, "StasisLocked:before");
        var held = RolloutProcess.Run(null, ["resume", .. where]);
        Assert.True(held.ExitCode == ExitCodes.Held, held.Output + held.Error);
        Assert.Contains("resume: StasisLocked was interrupted; reconciling it", held.Output, StringComparison.Ordinal);

        // 5. Abort, killed after the Aborted step's intent; the resume completes it and reports the abort.
        RolloutProcess.AssertKilledAt(RolloutProcess.Run("Aborted:before", ["resume", "--abort", "--note", "end of test", .. where]), "Aborted:before");
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
            ["PeerExchange", "ConnectionManagement", "RoutingSuccess", "UpperLimits", "ReleaseSigned", "Held", "StasisLocked", "Held", "Aborted"],
            steps.Select(s => s.Destination));
        Assert.Equal(
            ["PeerExchange:passed", "ConnectionManagement:passed", "RoutingSuccess:passed", "UpperLimits:passed",
             "ReleaseSigned:not-available", "ReleaseSigned:attested", "StasisLocked:not-available"],
            journal.CheckResults().Select(r => $"{r.Check}:{r.Result}"));
        Assert.Equal(["attest", "abort"], journal.Decisions().Select(d => d.Action));
    }
}
