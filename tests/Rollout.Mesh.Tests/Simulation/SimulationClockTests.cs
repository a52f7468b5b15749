using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class SimulationClockTests
{
    private static readonly DateTimeOffset Start = new(2024, 9, 4, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheClock_ReadsTheStartPlusVirtualTime()
    {
        var engine = new SimulationEngine(1, Start);
        TimeProvider clock = engine.Clock;
        var startStamp = clock.GetTimestamp();
        DateTimeOffset? seen = null;
        TimeSpan? elapsed = null;
        engine.Schedule(TimeSpan.FromSeconds(90), () =>
        {
            seen = clock.GetUtcNow();
            elapsed = clock.GetElapsedTime(startStamp);
        });

        engine.RunUntilIdle();

        Assert.Equal(Start.AddSeconds(90), seen);
        Assert.Equal(TimeSpan.FromSeconds(90), elapsed);
        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
    }

    [Fact]
    public void AOneShotTimer_FiresOnceAtItsDueTime()
    {
        var engine = new SimulationEngine(1, Start);
        var fired = new List<DateTimeOffset>();
        using var timer = engine.Clock.CreateTimer(_ => fired.Add(engine.Clock.GetUtcNow()), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        engine.RunFor(TimeSpan.FromMinutes(1));

        Assert.Equal([Start.AddSeconds(3)], fired);
    }

    [Fact]
    public void APeriodicTimer_FiresAtEveryPeriod_UntilDisposed()
    {
        var engine = new SimulationEngine(1, Start);
        var fired = new List<TimeSpan>();
        var timer = engine.Clock.CreateTimer(_ => fired.Add(engine.Elapsed), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        engine.Schedule(TimeSpan.FromSeconds(3.5), timer.Dispose);

        engine.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal([0.1, 1.1, 2.1, 3.1], fired.Select(t => t.TotalSeconds));
    }

    [Fact]
    public void ChangingATimer_ReplacesItsSchedule()
    {
        var engine = new SimulationEngine(1, Start);
        var fired = new List<TimeSpan>();
        using var timer = engine.Clock.CreateTimer(_ => fired.Add(engine.Elapsed), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        engine.Schedule(TimeSpan.FromSeconds(2), () => timer.Change(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)));

        engine.RunFor(TimeSpan.FromSeconds(60));

        Assert.Equal([12.0, 32.0, 52.0], fired.Select(t => t.TotalSeconds));
    }

    [Fact]
    public void ATimerChangedFromItsOwnCallback_FollowsTheNewSchedule()
    {
        var engine = new SimulationEngine(1, Start);
        var fired = new List<double>();
        ITimer? timer = null;
        timer = engine.Clock.CreateTimer(_ =>
        {
            fired.Add(engine.Elapsed.TotalSeconds);
            timer!.Change(TimeSpan.FromSeconds(fired.Count), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));

        engine.RunFor(TimeSpan.FromSeconds(11));
        timer.Dispose();

        Assert.Equal([1.0, 2.0, 4.0, 7.0, 11.0], fired);
    }

    [Fact]
    public void TaskDelayOnTheClock_ResumesAtVirtualTime_OnTheEngineThread()
    {
        var engine = new SimulationEngine(1, Start);
        var resumedAt = new List<TimeSpan>();
        var engineThread = Environment.CurrentManagedThreadId;
        var otherThread = false;

        async Task HeartbeatAsync()
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(700), engine.Clock);
                resumedAt.Add(engine.Elapsed);
                otherThread |= Environment.CurrentManagedThreadId != engineThread;
            }
        }

        Task? heartbeat = null;
        engine.Schedule(TimeSpan.FromSeconds(1), () => heartbeat = HeartbeatAsync());
        engine.RunUntilIdle();

        Assert.True(heartbeat!.IsCompletedSuccessfully);
        Assert.False(otherThread);
        Assert.Equal([1.7, 2.4, 3.1], resumedAt.Select(t => Math.Round(t.TotalSeconds, 3)));
    }

    [Fact]
    public void APeriodicTimerOnTheClock_TicksAtVirtualTimes_OnTheEngineThread()
    {
        var engine = new SimulationEngine(1, Start);
        var ticks = new List<double>();
        var engineThread = Environment.CurrentManagedThreadId;
        var otherThread = false;

        async Task LoopAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), engine.Clock);
            while (ticks.Count < 4 && await timer.WaitForNextTickAsync())
            {
                ticks.Add(engine.Elapsed.TotalSeconds);
                otherThread |= Environment.CurrentManagedThreadId != engineThread;
            }
        }

        Task? loop = null;
        engine.Schedule(TimeSpan.FromSeconds(0.5), () => loop = LoopAsync());
        engine.RunUntilIdle();

        Assert.True(loop!.IsCompletedSuccessfully);
        Assert.False(otherThread);
        Assert.Equal([1.5, 2.5, 3.5, 4.5], ticks);
    }

    [Fact]
    public void ACancellationTokenOnTheClock_CancelsAtVirtualTime()
    {
        var engine = new SimulationEngine(1, Start);
        TimeSpan? cancelledAt = null;
        CancellationTokenSource? source = null;
        engine.Schedule(TimeSpan.FromSeconds(2), () =>
        {
            source = new CancellationTokenSource(TimeSpan.FromSeconds(30), engine.Clock);
            source.Token.Register(() => cancelledAt = engine.Elapsed);
        });

        engine.RunUntilIdle();
        source!.Dispose();

        Assert.Equal(TimeSpan.FromSeconds(32), cancelledAt);
    }
}
