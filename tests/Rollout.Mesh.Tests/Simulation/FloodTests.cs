using Rollout.Mesh.Simulation;
using Rollout.Mesh.Tests.Simulation.Toys;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class FloodTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(40);

    [Fact]
    public void AFloodOverTenThousandNodes_ReachesEveryOne_AlongShortestPaths()
    {
        const int Count = 10_000;
        var engine = new SimulationEngine(2024);
        var network = new SimulatedNetwork<ToyMessage>(engine, new LinkTable(LinkProfile.Fixed(Latency)), Count);
        var nodes = FloodTopology.Build(network, Count, chordsPerNode: 3, seed: 2024);
        network.StartAll(new NodeRange(0, Count), TimeSpan.Zero);
        engine.Schedule(TimeSpan.FromSeconds(1), () =>
            nodes[0].Publish(network.ContextOf(0), new ToyMessage("flood", 1, engine.Elapsed)));

        var result = engine.RunUntilIdle(maxEvents: 10_000_000);

        Assert.Equal(SimulationStopReason.Idle, result.Reason);
        Assert.All(nodes, n => Assert.NotNull(n.FirstArrival));
        // With a fixed latency and no bandwidth limit, the first copy travels the fewest hops.
        var hops = FloodTopology.HopDistances(nodes, 0);
        for (var i = 0; i < Count; i++)
            Assert.Equal(TimeSpan.FromSeconds(1) + hops[i] * Latency, nodes[i].FirstArrival);
        // Every node forwards once to all neighbours but the sender: edges * 2 - (nodes - 1) sends.
        var edges = nodes.Sum(n => n.Neighbours.Count) / 2;
        Assert.Equal(2L * edges - (Count - 1), network.Counters.Delivered);
    }
}
