using Rollout.Mesh.Simulation;
using Rollout.Mesh.Tests.Simulation.Toys;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class DeterminismTests
{
    private sealed record Outcome(ulong TraceHash, long[] FirstArrivalTicks, long Delivered, long Lost, long QueueFull, long Events);

    /// <summary>
    /// A flood over 2,000 nodes through everything that draws random numbers or reorders events:
    /// jitter, loss, a bounded uplink, joins in waves and crashes at random times.
    /// </summary>
    private static Outcome Run(ulong seed, int parallelism = 1)
    {
        const int Count = 2_000;
        var engine = new SimulationEngine(seed) { Parallelism = parallelism };
        var network = new SimulatedNetwork<ToyMessage>(engine, new LinkTable(
            new LinkProfile(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30), 0.01)));
        network.SetClassProfile(NodeClass.Light, new NodeClassProfile(250_000, 6_000));
        var nodes = FloodTopology.Build(network, Count, chordsPerNode: 4, seed: 99);
        network.JoinInWaves(new NodeRange(0, Count), TimeSpan.Zero, new JoinWaves(500, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(800)));
        var crashes = engine.CreateRandom("test.crashes");
        for (var i = 0; i < 50; i++)
            network.CrashAt(1 + crashes.NextInt(Count - 1), TimeSpan.FromMilliseconds(5_000 + crashes.NextInt(400)));
        engine.Schedule(TimeSpan.FromSeconds(5), () => nodes[0].Publish(network.ContextOf(0), new ToyMessage("flood", 1, engine.Elapsed)));

        engine.RunUntilIdle();

        return new Outcome(
            engine.TraceHash,
            nodes.Select(n => n.FirstArrival?.Ticks ?? -1).ToArray(),
            network.Counters.Delivered,
            network.Counters.DroppedLoss,
            network.Counters.DroppedQueueFull,
            engine.EventsProcessed);
    }

    [Fact]
    public void TwoRunsWithTheSameSeed_AreIdentical_EventForEvent()
    {
        var first = Run(12345);
        var second = Run(12345);

        Assert.Equal(first.TraceHash, second.TraceHash);
        Assert.Equal(first.FirstArrivalTicks, second.FirstArrivalTicks);
        Assert.Equal((first.Delivered, first.Lost, first.QueueFull, first.Events), (second.Delivered, second.Lost, second.QueueFull, second.Events));
        // The scenario exercises what it claims to: losses, full queues and a flood that got through.
        Assert.True(first.Lost > 0 && first.QueueFull > 0, $"lost {first.Lost}, queue full {first.QueueFull}");
        Assert.True(first.FirstArrivalTicks.Count(t => t >= 0) > 1_900);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ParallelPartitions_GiveTheRunOfOne_EventForEvent(int parallelism)
    {
        var one = Run(12345);
        var parallel = Run(12345, parallelism);

        Assert.Equal(one.TraceHash, parallel.TraceHash);
        Assert.Equal(one.FirstArrivalTicks, parallel.FirstArrivalTicks);
        Assert.Equal((one.Delivered, one.Lost, one.QueueFull, one.Events), (parallel.Delivered, parallel.Lost, parallel.QueueFull, parallel.Events));
    }

    [Fact]
    public void ADifferentSeed_GivesADifferentRun()
    {
        var first = Run(12345);
        var other = Run(54321);

        Assert.NotEqual(first.TraceHash, other.TraceHash);
        Assert.NotEqual(first.FirstArrivalTicks, other.FirstArrivalTicks);
    }
}
