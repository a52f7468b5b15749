using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

/// <summary>The engine's lanes, windows and partitions: what may cross lanes, and what each run sees.</summary>
public sealed class ParallelEngineTests
{
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    /// <summary>Runs a delegate carried as the payload, as a node event of whatever lane it was scheduled on.</summary>
    private sealed class Step : ISimulationEventHandler
    {
        public static Step Instance { get; } = new();

        public void Handle(in SimulationEvent simulationEvent) => ((Action<SimulationEvent>)simulationEvent.Payload!)(simulationEvent);
    }

    private static SimulationEngine Engine(int parallelism, long lookahead) =>
        new(1) { Parallelism = parallelism, Lookahead = () => lookahead };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_event_for_another_lane_inside_the_lookahead_is_refused_naming_both_lanes(int parallelism)
    {
        var engine = Engine(parallelism, 10 * Ms);
        engine.ReserveLanes(256);
        engine.Schedule(0, 3, Step.Instance, new Action<SimulationEvent>(_ => engine.Schedule(engine.NowTicks + (5 * Ms), 200, Step.Instance, new Action<SimulationEvent>(_ => { }))));

        var error = Assert.Throws<InvalidOperationException>(() => engine.RunUntilIdle());

        Assert.Contains("lane 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("lane 200", error.Message, StringComparison.Ordinal);
        Assert.Contains("lookahead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_for_a_lane_never_reserved_is_refused_inside_a_window()
    {
        var engine = Engine(2, 10 * Ms);
        engine.Schedule(0, 3, Step.Instance, new Action<SimulationEvent>(_ => engine.Schedule(engine.NowTicks + (50 * Ms), 5_000, Step.Instance, new Action<SimulationEvent>(_ => { }))));

        var error = Assert.Throws<InvalidOperationException>(() => engine.RunUntilIdle());

        Assert.Contains("lane 5000 was not reserved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lane_may_schedule_its_own_events_sooner_than_the_lookahead()
    {
        var engine = Engine(2, 10 * Ms);
        var ran = new List<long>();
        engine.Schedule(0, 70, Step.Instance, new Action<SimulationEvent>(_ =>
            engine.Schedule(engine.NowTicks + Ms, 70, Step.Instance, new Action<SimulationEvent>(e => ran.Add(e.Time)))));

        engine.RunUntilIdle();

        Assert.Equal([Ms], ran);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Within_a_window_each_lane_runs_its_events_and_those_it_schedules_for_itself_in_time_order(int parallelism)
    {
        // Lane 5: events at 1 and 6 ms; the first schedules two of its own at 3 ms and 8 ms (the second
        // past a window that may end at 10 ms but before lane 5's next window). Lane 9 is interleaved.
        var engine = Engine(parallelism, 10 * Ms);
        var ran = new Dictionary<int, List<long>> { [5] = [], [9] = [] };
        void Note(SimulationEvent e)
        {
            lock (ran)
                ran[e.Lane].Add(e.Time);
        }
        engine.Schedule(1 * Ms, 5, Step.Instance, new Action<SimulationEvent>(e =>
        {
            Note(e);
            engine.Schedule(8 * Ms, 5, Step.Instance, new Action<SimulationEvent>(Note));
            engine.Schedule(3 * Ms, 5, Step.Instance, new Action<SimulationEvent>(own =>
            {
                Note(own);
                engine.Schedule(own.Time, 5, Step.Instance, new Action<SimulationEvent>(Note));
            }));
        }));
        engine.Schedule(6 * Ms, 5, Step.Instance, new Action<SimulationEvent>(Note));
        foreach (var t in new long[] { 0, 2, 3, 7, 12 })
            engine.Schedule(t * Ms, 9, Step.Instance, new Action<SimulationEvent>(Note));

        engine.RunUntilIdle();

        Assert.Equal([1 * Ms, 3 * Ms, 3 * Ms, 6 * Ms, 8 * Ms], ran[5]);
        Assert.Equal([0, 2 * Ms, 3 * Ms, 7 * Ms, 12 * Ms], ran[9]);
        Assert.Equal(12 * Ms, engine.NowTicks);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Events_of_one_lane_at_the_same_tick_run_in_sequence_order_whatever_order_they_were_queued_in(int parallelism)
    {
        // Lane 9 queues its event for lane 5 first (in the window at 0 ms), lane 3 second (in the window
        // at 12 ms); lane 3's sequence is lower, so it runs first. Lane 7's event at 24 ms opens the
        // window, so the two at 25 ms come from a bucket inside it, taken whole.
        var engine = Engine(parallelism, 10 * Ms);
        engine.ReserveLanes(16);
        var ran = new List<int>();
        engine.Schedule(24 * Ms, 7, Step.Instance, new Action<SimulationEvent>(_ => { }));
        void For5(int from) => engine.Schedule(25 * Ms, 5, Step.Instance, new Action<SimulationEvent>(_ => ran.Add(from)));
        engine.Schedule(0, 9, Step.Instance, new Action<SimulationEvent>(_ => For5(9)));
        engine.Schedule(12 * Ms, 3, Step.Instance, new Action<SimulationEvent>(_ => For5(3)));

        engine.RunUntilIdle();

        Assert.Equal([3, 9], ran);
    }

    [Fact]
    public void Node_events_see_their_own_time_and_lane_on_every_thread()
    {
        var engine = Engine(3, 10 * Ms);
        var seen = new System.Collections.Concurrent.ConcurrentBag<(int Lane, long Now, long Time, int Partition)>();
        for (var lane = 0; lane < 400; lane += 7)
        {
            engine.Schedule(lane * 100L, lane, Step.Instance, new Action<SimulationEvent>(e =>
                seen.Add((engine.CurrentLane, engine.NowTicks, e.Time, engine.CurrentPartition))));
        }

        engine.RunUntilIdle();

        Assert.Equal(58, seen.Count);
        Assert.All(seen, s => Assert.Equal(s.Time, s.Now));
        Assert.Equal(seen.Select(s => (long)s.Lane * 100).Order(), seen.Select(s => s.Time).Order());
        // Lanes are spread over the partitions in blocks of 64, the first 64 one by one.
        Assert.All(seen, s => Assert.Equal((s.Lane < 64 ? s.Lane : s.Lane / 64) % 3, s.Partition));
    }

    [Fact]
    public void A_shared_event_runs_between_the_node_events_before_and_after_it()
    {
        var engine = Engine(2, 50 * Ms);
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        engine.Schedule(10 * Ms, 1, Step.Instance, new Action<SimulationEvent>(_ => order.Enqueue("node 1 at 10")));
        engine.Schedule(20 * Ms, () => order.Enqueue("shared at 20"));
        engine.Schedule(20 * Ms, 100, Step.Instance, new Action<SimulationEvent>(_ => order.Enqueue("node 100 at 20, scheduled after")));
        engine.Schedule(30 * Ms, 100, Step.Instance, new Action<SimulationEvent>(_ => order.Enqueue("node 100 at 30")));

        engine.RunUntilIdle();

        Assert.Equal(["node 1 at 10", "shared at 20", "node 100 at 20, scheduled after", "node 100 at 30"], order);
    }

    [Fact]
    public void A_failure_on_a_partition_thread_surfaces_from_Run()
    {
        var engine = Engine(2, 10 * Ms);
        // Lane 64 is in the second partition, run by the engine's own thread.
        engine.Schedule(Ms, 64, Step.Instance, new Action<SimulationEvent>(_ => throw new InvalidDataException("broken node")));

        var error = Assert.Throws<InvalidDataException>(() => engine.RunUntilIdle());

        Assert.Equal("broken node", error.Message);
    }

    [Fact]
    public void Changing_the_parallelism_keeps_every_waiting_event_at_its_time()
    {
        var engine = Engine(1, 10 * Ms);
        var ran = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        for (var lane = 0; lane < 300; lane++)
        {
            var index = lane;
            engine.Schedule((300 - lane) * Ms, lane, Step.Instance, new Action<SimulationEvent>(_ => ran[index] = engine.NowTicks));
        }

        engine.Parallelism = 4;
        engine.RunUntilIdle();

        Assert.Equal(300, ran.Count);
        Assert.All(ran, pair => Assert.Equal((300 - pair.Key) * Ms, pair.Value));
        Assert.Equal(300, engine.EventsProcessed);
    }

    [Fact]
    public void Partition_locals_add_up_what_every_thread_counted()
    {
        var engine = Engine(3, 10 * Ms);
        var counts = engine.CreatePartitionLocal(() => new long[1]);
        for (var lane = 0; lane < 1_000; lane++)
            engine.Schedule(lane % 17 * Ms, lane, Step.Instance, new Action<SimulationEvent>(_ => counts.Current[0]++));

        engine.RunUntilIdle();

        Assert.Equal(3, counts.All.Count);
        Assert.Equal(1_000, counts.All.Sum(c => c[0]));
        Assert.All(counts.All, c => Assert.InRange(c[0], 1, 999));
    }
}
