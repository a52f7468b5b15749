using Rollout.Deployer.Cli;
using Rollout.Deployer.Faults;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Rollout;

public sealed class RolloutRunnerTests : IDisposable
{
    private static readonly RolloutPlan Plan = PlanReader.Read(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));
    private readonly TempDirectory _home = new();
    private readonly ManualTimeProvider _time = new();
    private readonly StringWriter _output = new();

    public void Dispose()
    {
        _home.Dispose();
        _output.Dispose();
    }

    /// <summary>Stands in for the process dying at a fault point: nothing after it runs.</summary>
    private sealed class Crash : Exception;

    private sealed class CrashAt(string step, FaultPhase phase) : IFaultInjector
    {
        public void Reached(string s, FaultPhase p)
        {
            if (s == step && p == phase) throw new Crash();
        }
    }

    private DeploymentJournal Journal(bool create = false) =>
        create ? DeploymentJournal.Create(_home.Path, "d", _time) : DeploymentJournal.Open(_home.Path, "d", _time);

    private Task<RunResult> Run(DeploymentJournal journal, IEnumerable<IStageCheck> checks, OperatorDecision? decision = null, IFaultInjector? faults = null) =>
        new RolloutRunner(journal, Plan, checks, faults ?? NoFaults.Instance, _time, _output).RunAsync(decision);

    private static IReadOnlyList<string> Completed(DeploymentJournal journal) =>
        journal.Steps().Where(s => s.Outcome is not null).Select(s => s.Destination).ToList();

    [Fact]
    public async Task WithTheDefaultChecks_ARehearsalPassesStage1OnTheSimulator_AndHoldsAtReleaseSigned_SayingWhatItNeeds()
    {
        using var journal = Journal(create: true);

        var result = await Run(journal, StageChecks.Default());

        Assert.Equal((RolloutState.Held, ExitCodes.Held), (result.State, result.ExitCode));
        Assert.Contains("Held at ReleaseSigned: ReleaseSigned: the plan names no release.binary", result.Message, StringComparison.Ordinal);
        Assert.Equal(["PeerExchange", "ConnectionManagement", "RoutingSuccess", "UpperLimits", "ReleaseSigned", "Held"], Completed(journal));
        Assert.Equal(
            ["PeerExchange:passed", "ConnectionManagement:passed", "RoutingSuccess:passed", "UpperLimits:passed", "ReleaseSigned:not-available"],
            journal.CheckResults().Select(r => $"{r.Check}:{r.Result}"));
    }

    /// <summary>Scripted checks that all pass except PeerExchange, which cannot measure, so a run holds there at once.</summary>
    private static List<ScriptedCheck> HoldingAtPeerExchange()
    {
        var checks = ScriptedCheck.AllPassing();
        checks[0] = new ScriptedCheck(RolloutState.PeerExchange, _ => CheckResult.NotAvailable("no telemetry"));
        return checks;
    }

    [Fact]
    public async Task WhenEveryCheckPasses_TheRolloutGoesLive_WithEachStepOnce()
    {
        using var journal = Journal(create: true);

        var result = await Run(journal, ScriptedCheck.AllPassing());

        Assert.Equal((RolloutState.Live, ExitCodes.Success), (result.State, result.ExitCode));
        Assert.Equal([.. RolloutSteps.All.Select(s => s.ToString()), "Live"], Completed(journal));
        Assert.All(journal.CheckResults(), r => Assert.Equal("passed", r.Result));
    }

    [Fact]
    public async Task AFailedCheck_StopsWithItsCauseAndResolution_AndAResumeRerunsIt()
    {
        var checks = ScriptedCheck.AllPassing();
        var routing = new ScriptedCheck(RolloutState.RoutingSuccess, run => run == 1
            ? CheckResult.Failed(CauseCatalog.Get("RS-2"), "412 of 2000 peers missed messages within TTL")
            : CheckResult.Passed("no loss"));
        checks[2] = routing;
        using (var journal = Journal(create: true))
        {
            var failed = await Run(journal, checks);

            Assert.Equal((RolloutState.Failed, ExitCodes.CheckFailed), (failed.State, failed.ExitCode));
            Assert.Contains("gossip heartbeat is not fast enough [RS-2]", failed.Message, StringComparison.Ordinal);
            Assert.Contains("Proposed resolution: raise the gossip heartbeat frequency (plan setting: mesh.heartbeat)", failed.Message, StringComparison.Ordinal);
        }

        using var reopened = Journal();
        var resumed = await Run(reopened, checks);

        Assert.Equal(RolloutState.Live, resumed.State);
        Assert.Equal(2, routing.Runs);
        Assert.Equal(("retry", "RoutingSuccess"), (reopened.Decisions()[0].Action, reopened.Decisions()[0].Subject));
    }

    [Fact]
    public async Task AnAttestedHeldStep_MovesOn_AndIsJournaledAsAnAttestationNotAPass()
    {
        var checks = ScriptedCheck.AllPassing();
        checks[0] = new ScriptedCheck(RolloutState.PeerExchange, _ => CheckResult.NotAvailable("no telemetry"));
        using var journal = Journal(create: true);
        await Run(journal, checks);

        var result = await Run(journal, checks, new OperatorDecision(DecisionAction.Attest, "bootstrap operators' PX report, war room 2024-08-20", "cassie"));

        Assert.Equal(RolloutState.Live, result.State);
        var px = journal.CheckResults().Where(r => r.Check == "PeerExchange").Select(r => r.Result);
        Assert.Equal(["not-available", "attested"], px);
        Assert.Equal(("attest", "cassie"), (journal.Decisions()[0].Action, journal.Decisions()[0].Operator));
    }

    [Fact]
    public async Task AbortingAHeldRollout_EndsIt()
    {
        var checks = HoldingAtPeerExchange();
        using var journal = Journal(create: true);
        await Run(journal, checks);

        var result = await Run(journal, checks, new OperatorDecision(DecisionAction.Abort, "postponed", "ops"));

        Assert.Equal((RolloutState.Aborted, ExitCodes.CheckFailed), (result.State, result.ExitCode));
        var again = await Run(journal, checks);
        Assert.Equal(RolloutState.Aborted, again.State);
    }

    [Fact]
    public async Task AttestingAFailedStep_IsRefused()
    {
        var checks = ScriptedCheck.AllPassing();
        checks[0] = new ScriptedCheck(RolloutState.PeerExchange, _ => CheckResult.Failed(CauseCatalog.Get("PX-1"), "5 heartbeats"));
        using var journal = Journal(create: true);
        await Run(journal, checks);

        await Assert.ThrowsAsync<InvalidDataException>(() => Run(journal, checks, new OperatorDecision(DecisionAction.Attest, "trust me", "ops")));
    }

    [Fact]
    public async Task ACheckThatThrows_HoldsTheRollout_NeverPassesIt()
    {
        var checks = ScriptedCheck.AllPassing();
        checks[1] = new ScriptedCheck(RolloutState.ConnectionManagement, _ => throw new TimeoutException("bootstrap did not answer"));
        using var journal = Journal(create: true);

        var result = await Run(journal, checks);

        Assert.Equal(RolloutState.Held, result.State);
        Assert.Contains("raised TimeoutException: bootstrap did not answer", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RoutingSuccess", FaultPhase.Before)]
    [InlineData("RoutingSuccess", FaultPhase.After)]
    [InlineData("Held", FaultPhase.Before)]
    public async Task AProcessDyingAtAFaultPoint_ResumesWithEachStepCompletedOnce(string step, FaultPhase phase)
    {
        var checks = ScriptedCheck.AllPassing();
        var routing = new ScriptedCheck(RolloutState.RoutingSuccess, _ => CheckResult.Passed("no loss"));
        checks[2] = routing;
        if (step == "Held") checks[3] = new ScriptedCheck(RolloutState.UpperLimits, run => run == 1 ? CheckResult.NotAvailable("no sweep") : CheckResult.Passed("10x"));
        using (var journal = Journal(create: true))
        {
            await Assert.ThrowsAsync<Crash>(() => Run(journal, checks, faults: new CrashAt(step, phase)));
        }

        using var reopened = Journal();
        var result = await Run(reopened, checks);

        Assert.Equal(RolloutState.Live, result.State);
        // Died before its check ran, after it, or at a later hold: the routing check ran once in all.
        Assert.Equal(1, routing.Runs);
        var completed = Completed(reopened);
        // Held and the held step are entered twice when a hold is retried; every other step exactly once.
        Assert.All(RolloutSteps.All.Where(s => step != "Held" || s != RolloutState.UpperLimits), s => Assert.Single(completed, c => c == s.ToString()));
        Assert.Equal(step == "Held" ? 1 : 0, completed.Count(c => c == "Held"));
        Assert.Equal(reopened.Steps().Count, completed.Count);
    }

    [Fact]
    public async Task AStepInterruptedAfterItsCheckWasJournaled_IsReconciledWithoutRunningItAgain()
    {
        var checks = ScriptedCheck.AllPassing();
        using (var journal = Journal(create: true))
        {
            await Run(journal, HoldingAtPeerExchange());
        }
        // Rebuild a journal whose last step has its check result but no outcome, as a kill between the two leaves it.
        using (var journal = Journal())
        {
            var step = journal.AppendStepIntent("Held", "Retry", "PeerExchange", "\"PeerExchange\"");
            journal.AppendCheckResult(step, "PeerExchange", "passed", null, "measured before the kill", _time.GetUtcNow(), _time.GetUtcNow());
        }

        using var reopened = Journal();
        var result = await Run(reopened, checks);

        Assert.Equal(RolloutState.Live, result.State);
        Assert.Equal(0, checks[0].Runs);
        Assert.Contains(reopened.Steps(), s => s.Destination == "PeerExchange" && s.Outcome == "Reconciled");
    }
}
