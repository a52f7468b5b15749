using Rollout.Deployer.Faults;
using Rollout.Deployer.Journal;
using Rollout.Deployer.StateMachine;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Journal;

public sealed class JournaledStepsTests
{
    public enum S { Idle, Fetch, Done }

    public enum T { Start, Finish }

    private sealed class RecordingFaults : IFaultInjector
    {
        public List<string> Points { get; } = [];

        public void Reached(string step, FaultPhase phase) => Points.Add($"{step}:{phase}");
    }

    [Fact]
    public async Task FaultPoints_SitRightAfterTheIntentAndRightAfterTheOutcome()
    {
        using var home = new TempDirectory();
        using var journal = DeploymentJournal.Create(home.Path, "d", new ManualTimeProvider());
        var faults = new RecordingFaults();
        var machine = new StateMachine<S, T>(S.Idle, new JournaledSteps<S, T>(journal, faults));
        machine.Configure(S.Idle).Permit(T.Start, S.Fetch);
        machine.Configure(S.Fetch).OnEntryAsync((_, _) =>
        {
            faults.Points.Add("action");
            return Task.CompletedTask;
        });

        await machine.FireAsync(T.Start);

        Assert.Equal(["Fetch:Before", "action", "Fetch:After"], faults.Points);
    }

    [Fact]
    public void TheResumePoint_IsTheLastCompletedState_OrTheOpenStep()
    {
        using var home = new TempDirectory();
        using var journal = DeploymentJournal.Create(home.Path, "d", new ManualTimeProvider());
        var steps = new JournaledSteps<S, T>(journal, NoFaults.Instance);
        Assert.Equal((S.Idle, null), steps.ResumePoint(S.Idle));

        var first = journal.AppendStepIntent("Idle", "Start", "Fetch", null);
        journal.AppendStepOutcome(first, "Completed");
        Assert.Equal((S.Fetch, null), steps.ResumePoint(S.Idle));

        var second = journal.AppendStepIntent("Fetch", "Finish", "Done", null);
        var (state, interrupted) = steps.ResumePoint(S.Idle);
        Assert.Equal(S.Fetch, state);
        Assert.Equal(second, interrupted!.StepId);
        Assert.Equal(new StepIntent<S, T>(S.Fetch, T.Finish, S.Done, null), interrupted.Intent);
    }
}
