using FsCheck;
using FsCheck.Fluent;
using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Tests.StateMachine;

public sealed class StateMachineTests
{
    public enum S { Idle, Work, Fetch, Process, Done, Failed }

    public enum T { Start, Next, Finish, Fail, Retry }

    public sealed record Failure(S Where, string Why);

    private sealed class Fixture
    {
        public RecordingJournal<S, T> Journal { get; } = new();

        public List<string> Log { get; } = [];

        public bool Ready { get; set; } = true;

        public StateMachine<S, T> Machine { get; }

        public TriggerWithParameters<T, Failure> Fail { get; }

        public TriggerWithParameters<T, S> Retry { get; }

        public Fixture()
        {
            Machine = new StateMachine<S, T>(S.Idle, Journal);
            Fail = Machine.SetTriggerParameters<Failure>(T.Fail);
            Retry = Machine.SetTriggerParameters<S>(T.Retry);
            Machine.Configure(S.Idle).Permit(T.Start, S.Fetch);
            Machine.Configure(S.Work).Permit(T.Fail, S.Failed).OnEntryAsync(Entry("Work"));
            Machine.Configure(S.Fetch).SubstateOf(S.Work).Permit(T.Next, S.Process).OnEntryAsync(Entry("Fetch"));
            Machine.Configure(S.Process).SubstateOf(S.Work).PermitIf(T.Finish, S.Done, () => Ready, "the batch is ready").OnEntryAsync(Entry("Process"));
            Machine.Configure(S.Done).Final();
            Machine.Configure(S.Failed)
                .PermitDynamic(Retry, s => s, "the failed step")
                .OnEntryAsync((t, _) =>
                {
                    Log.Add("Failed:" + ((Failure)t.Argument!).Why);
                    return Task.CompletedTask;
                });
        }

        private Func<Transition<S, T>, CancellationToken, Task> Entry(string name) => (t, _) =>
        {
            // The intent must already be durable and the outcome not yet written when an action runs
            // (a resumed step's intent was written by the process that died).
            if (!t.IsResume) Assert.StartsWith("intent:", Journal.Entries[^1], StringComparison.Ordinal);
            Log.Add(t.IsResume ? name + "(resumed)" : name);
            return Task.CompletedTask;
        };
    }

    [Fact]
    public async Task EnteringASubstate_RunsTheSuperstateEntryFirst_BetweenIntentAndOutcome()
    {
        var f = new Fixture();

        await f.Machine.FireAsync(T.Start);

        Assert.Equal(S.Fetch, f.Machine.State);
        Assert.True(f.Machine.IsInState(S.Work));
        Assert.Equal(["Work", "Fetch"], f.Log);
        Assert.Equal(["intent:Idle>Fetch", "outcome:1:Completed"], f.Journal.Entries);
    }

    [Fact]
    public async Task MovingBetweenSiblings_DoesNotReenterTheirSuperstate()
    {
        var f = new Fixture();
        await f.Machine.FireAsync(T.Start);

        await f.Machine.FireAsync(T.Next);

        Assert.Equal(["Work", "Fetch", "Process"], f.Log);
    }

    [Fact]
    public async Task PermittedTriggers_IncludeThoseInheritedFromTheSuperstate_AndHonourGuards()
    {
        var f = new Fixture();
        await f.Machine.FireAsync(T.Start);
        await f.Machine.FireAsync(T.Next);

        Assert.Equal([T.Finish, T.Fail], f.Machine.GetPermittedTriggers());
        f.Ready = false;
        Assert.Equal([T.Fail], f.Machine.GetPermittedTriggers());
    }

    [Fact]
    public async Task ARefusingGuard_StopsTheTrigger_AndSaysWhichGuard()
    {
        var f = new Fixture();
        await f.Machine.FireAsync(T.Start);
        await f.Machine.FireAsync(T.Next);
        f.Ready = false;

        var ex = await Assert.ThrowsAsync<TriggerNotPermittedException>(() => f.Machine.FireAsync(T.Finish));

        Assert.Contains("the batch is ready", ex.Message, StringComparison.Ordinal);
        Assert.Equal(S.Process, f.Machine.State);
        Assert.Equal(4, f.Journal.Entries.Count);
    }

    [Fact]
    public async Task ATriggerWithNoTransition_IsRefusedWithoutJournaling()
    {
        var f = new Fixture();

        await Assert.ThrowsAsync<TriggerNotPermittedException>(() => f.Machine.FireAsync(T.Next));

        Assert.Empty(f.Journal.Entries);
    }

    [Fact]
    public async Task ATriggerArgument_ReachesTheEntryAction_AndIsJournaledAsJson()
    {
        var f = new Fixture();
        await f.Machine.FireAsync(T.Start);

        await f.Machine.FireAsync(f.Fail, new Failure(S.Fetch, "heartbeat too slow"));

        Assert.Equal("Failed:heartbeat too slow", f.Log[^1]);
        Assert.Equal("{\"Where\":\"Fetch\",\"Why\":\"heartbeat too slow\"}", f.Journal.Intents[^1].ArgumentJson);
    }

    [Fact]
    public async Task ADynamicTransition_GoesWhereItsArgumentSays()
    {
        var f = new Fixture();
        await f.Machine.FireAsync(T.Start);
        await f.Machine.FireAsync(f.Fail, new Failure(S.Fetch, "x"));

        await f.Machine.FireAsync(f.Retry, S.Fetch);

        Assert.Equal(S.Fetch, f.Machine.State);
        Assert.Equal(["Work", "Fetch"], f.Log.TakeLast(2));
    }

    [Fact]
    public async Task ACancelledEntry_LeavesTheIntentOpen()
    {
        var journal = new RecordingJournal<S, T>();
        var machine = new StateMachine<S, T>(S.Idle, journal);
        using var cancel = new CancellationTokenSource();
        machine.Configure(S.Idle).Permit(T.Start, S.Fetch);
        machine.Configure(S.Fetch).OnEntryAsync(async (_, ct) =>
        {
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => machine.FireAsync(T.Start, cancel.Token));

        Assert.Equal(["intent:Idle>Fetch"], journal.Entries);
    }

    [Theory]
    [InlineData(Reconciliation.Redo, "Fetch(resumed)", StepOutcome.Completed)]
    [InlineData(Reconciliation.Completed, null, StepOutcome.Reconciled)]
    [InlineData(Reconciliation.Unknown, null, StepOutcome.Unknown)]
    public async Task ResumingAnInterruptedStep_FollowsItsReconciliation(Reconciliation verdict, string? reran, StepOutcome outcome)
    {
        var f = new Fixture();
        Transition<S, T>? seen = null;
        f.Machine.Configure(S.Fetch).OnReconcileAsync((t, _) =>
        {
            seen = t;
            return Task.FromResult(verdict);
        });
        var interrupted = new InterruptedStep<S, T>(7, new StepIntent<S, T>(S.Idle, T.Start, S.Fetch, null));

        var result = await f.Machine.ResumeAsync(S.Idle, interrupted);

        Assert.Equal(verdict, result);
        Assert.Equal(S.Fetch, f.Machine.State);
        Assert.True(seen!.IsResume);
        Assert.Equal(reran is null ? [] : new[] { "Work(resumed)", reran }, f.Log);
        Assert.Equal(outcome, f.Journal.Outcomes[7]);
    }

    [Fact]
    public async Task ResumingWithoutAnInterruptedStep_OnlyRestoresTheState()
    {
        var f = new Fixture();

        await f.Machine.ResumeAsync(S.Process, null);

        Assert.Equal(S.Process, f.Machine.State);
        Assert.Empty(f.Log);
        Assert.Empty(f.Journal.Entries);
    }

    [Fact]
    public async Task ResumingAFailedStep_RestoresItsTypedArgument()
    {
        var f = new Fixture();
        var json = "{\"Where\":\"Process\",\"Why\":\"lost messages\"}";
        var interrupted = new InterruptedStep<S, T>(3, new StepIntent<S, T>(S.Process, T.Fail, S.Failed, json));

        await f.Machine.ResumeAsync(S.Process, interrupted);

        Assert.Equal(["Failed:lost messages"], f.Log);
    }

    [Fact]
    public void EveryRunOfRandomTriggers_JournalsAnOutcomeRightAfterEachIntent()
    {
        var triggers = Gen.Elements(T.Start, T.Next, T.Finish, T.Fail, T.Retry).ListOf().ToArbitrary();
        Prop.ForAll(triggers, sequence =>
        {
            var f = new Fixture();
            foreach (var trigger in sequence)
            {
                try
                {
                    var fire = trigger switch
                    {
                        T.Fail => f.Machine.FireAsync(f.Fail, new Failure(f.Machine.State, "x")),
                        T.Retry => f.Machine.FireAsync(f.Retry, S.Fetch),
                        _ => f.Machine.FireAsync(trigger),
                    };
                    fire.GetAwaiter().GetResult();
                }
                catch (TriggerNotPermittedException)
                {
                    // Refused triggers must leave no trace; checked below by the strict alternation.
                }
            }
            var e = f.Journal.Entries;
            return Enumerable.Range(0, e.Count).All(i => e[i].StartsWith(i % 2 == 0 ? "intent:" : "outcome:", StringComparison.Ordinal))
                && e.Count % 2 == 0
                && (f.Journal.Intents.Count == 0 || f.Journal.Intents[^1].Destination == f.Machine.State);
        }).QuickCheckThrowOnFailure();
    }
}
