using FsCheck;
using FsCheck.Fluent;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class SimulationEngineTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void SimultaneousEvents_RunInTheOrderTheyWereScheduled()
    {
        var engine = new SimulationEngine(1);
        var order = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            var index = i;
            engine.Schedule(10 * Ms, () => order.Add(index));
        }

        engine.RunUntilIdle();

        Assert.Equal(Enumerable.Range(0, 100), order);
    }

    [Fact]
    public void EventsRunInTimeOrder_AndTiesKeepInsertionOrder_ForAnySchedule()
    {
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Choose(0, 50))), (List<int> times) =>
        {
            var engine = new SimulationEngine(1);
            var ran = new List<(long Time, int Index)>();
            for (var i = 0; i < times.Count; i++)
            {
                var index = i;
                engine.Schedule(TimeSpan.FromTicks(times[i]), () => ran.Add((engine.NowTicks, index)));
            }
            engine.RunUntilIdle();
            var expected = times.Select((t, i) => ((long)t, i)).OrderBy(e => e.Item1).ThenBy(e => e.i).ToList();
            return ran.SequenceEqual(expected);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EventsScheduledFromEvents_RunAfterTheCurrentOne_AtTheirOwnTime()
    {
        var engine = new SimulationEngine(1);
        var log = new List<string>();
        engine.Schedule(5 * Ms, () =>
        {
            log.Add($"a@{engine.Elapsed.TotalMilliseconds}");
            engine.ScheduleAfter(TimeSpan.Zero, () => log.Add($"c@{engine.Elapsed.TotalMilliseconds}"));
            engine.ScheduleAfter(3 * Ms, () => log.Add($"d@{engine.Elapsed.TotalMilliseconds}"));
        });
        engine.Schedule(5 * Ms, () => log.Add($"b@{engine.Elapsed.TotalMilliseconds}"));

        engine.RunUntilIdle();

        Assert.Equal(["a@5", "b@5", "c@5", "d@8"], log);
    }

    [Fact]
    public void RunFor_StopsAtTheTimeLimit_LeavingLaterEventsQueued()
    {
        var engine = new SimulationEngine(1);
        var ran = 0;
        engine.Schedule(10 * Ms, () => ran++);
        engine.Schedule(20 * Ms, () => ran++);
        engine.Schedule(30 * Ms, () => ran++);

        var result = engine.RunFor(20 * Ms);

        Assert.Equal(SimulationStopReason.TimeReached, result.Reason);
        Assert.Equal(2, ran);
        Assert.Equal(20 * Ms, engine.Elapsed);
        Assert.Equal(1, engine.QueueLength);
        Assert.Equal(SimulationStopReason.Idle, engine.RunUntilIdle().Reason);
        Assert.Equal(3, ran);
    }

    [Fact]
    public void RunFor_AdvancesTheClockToTheLimit_WhenNothingIsLeft()
    {
        var engine = new SimulationEngine(1);

        var result = engine.RunFor(TimeSpan.FromMinutes(3));

        Assert.Equal(SimulationStopReason.TimeReached, result.Reason);
        Assert.Equal(TimeSpan.FromMinutes(3), engine.Elapsed);
    }

    [Fact]
    public void TheEventCap_StopsARunThatWouldNeverEnd()
    {
        var engine = new SimulationEngine(1);
        void Tick() => engine.ScheduleAfter(Ms, Tick);
        engine.Schedule(TimeSpan.Zero, Tick);

        var result = engine.RunUntilIdle(maxEvents: 1_000);

        Assert.Equal(SimulationStopReason.EventCap, result.Reason);
        Assert.Equal(1_000, result.EventsProcessed);
        Assert.Equal(999 * Ms, engine.Elapsed);
    }

    [Fact]
    public void APredicate_StopsTheRunBeforeTheNextEvent()
    {
        var engine = new SimulationEngine(1);
        var count = 0;
        for (var i = 1; i <= 10; i++)
            engine.Schedule(i * Ms, () => count++);

        var result = engine.RunUntil(() => count == 4);

        Assert.Equal(SimulationStopReason.PredicateMet, result.Reason);
        Assert.Equal(4, count);
        Assert.Equal(4 * Ms, engine.Elapsed);
    }

    [Fact]
    public void SchedulingInThePast_IsRefused()
    {
        var engine = new SimulationEngine(1);
        engine.Schedule(10 * Ms, () => Assert.Throws<ArgumentOutOfRangeException>(() => engine.Schedule(5 * Ms, () => { })));

        engine.RunUntilIdle();

        Assert.Equal(1, engine.EventsProcessed);
    }

    [Fact]
    public void RunningFromInsideAnEvent_IsRefused()
    {
        var engine = new SimulationEngine(1);
        Exception? caught = null;
        engine.Schedule(TimeSpan.Zero, () => caught = Record.Exception(() => engine.RunUntilIdle()));

        engine.RunUntilIdle();

        Assert.IsType<InvalidOperationException>(caught);
    }

    [Fact]
    public void AnEventThatThrows_StopsTheRun_AndTheEngineCarriesOnAfterwards()
    {
        var engine = new SimulationEngine(1);
        var ran = new List<int>();
        engine.Schedule(1 * Ms, () => ran.Add(1));
        engine.Schedule(2 * Ms, () => throw new InvalidDataException("bad node input"));
        engine.Schedule(3 * Ms, () => ran.Add(3));

        Assert.Throws<InvalidDataException>(() => engine.RunUntilIdle());
        Assert.Equal(2 * Ms, engine.Elapsed);
        engine.RunUntilIdle();

        Assert.Equal([1, 3], ran);
        Assert.Equal(3, engine.EventsProcessed);
    }

    [Fact]
    public void Statistics_CountEventsAndThePeakQueueLength()
    {
        var engine = new SimulationEngine(1);
        for (var i = 0; i < 50; i++)
            engine.Schedule(i * Ms, () => { });
        engine.Schedule(100 * Ms, () =>
        {
            for (var i = 0; i < 70; i++)
                engine.ScheduleAfter(Ms, () => { });
        });

        engine.RunUntilIdle();

        Assert.Equal(121, engine.EventsProcessed);
        Assert.Equal(70, engine.PeakQueueLength);
        Assert.Equal(0, engine.QueueLength);
    }

    [Fact]
    public void Progress_IsReportedEveryNEvents_AndOnceAtTheEnd()
    {
        var engine = new SimulationEngine(1);
        for (var i = 1; i <= 25; i++)
            engine.Schedule(i * Ms, () => { });
        var reports = new List<SimulationProgress>();

        engine.Run(new SimulationRunLimits { ProgressEveryEvents = 10, Progress = reports.Add });

        Assert.Equal([10L, 20L, 25L], reports.Select(r => r.EventsProcessed));
        Assert.Equal([10 * Ms, 20 * Ms, 25 * Ms], reports.Select(r => r.VirtualTime));
        Assert.Equal(0, reports[^1].QueueLength);
    }

    [Fact]
    public void TheWallClock_OnlyMeasures_AndNeverMovesVirtualTime()
    {
        var wall = new Rollout.TestSupport.ManualTimeProvider();
        var engine = new SimulationEngine(1, wallClock: wall);
        engine.Schedule(TimeSpan.FromHours(5), () => wall.Advance(TimeSpan.FromSeconds(2)));
        for (var i = 0; i < 9; i++)
            engine.Schedule(TimeSpan.FromHours(6), () => { });

        var result = engine.RunUntilIdle();

        Assert.Equal(TimeSpan.FromSeconds(2), result.WallTime);
        Assert.Equal(TimeSpan.FromHours(6), engine.Elapsed);
        Assert.Equal(5.0, engine.EventsPerSecond);
    }
}
