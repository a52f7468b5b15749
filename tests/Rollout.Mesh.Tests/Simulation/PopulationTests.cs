using Rollout.Mesh.Simulation;
using Rollout.Mesh.Tests.Simulation.Toys;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class PopulationTests
{
    [Fact]
    public void PeersJoinInWaves_EachWaveInsideItsWindow_ThroughTheBootstraps()
    {
        var engine = new SimulationEngine(5);
        var network = new SimulatedNetwork<ToyMessage>(engine, new LinkTable(LinkProfile.Fixed(TimeSpan.FromMilliseconds(10))));
        var bootstraps = network.AddNodes(3, NodeClass.Bootstrap, _ => new RecordingNode());
        network.StartAll(bootstraps, TimeSpan.Zero);
        var peers = new RecordingNode[1_000];
        var range = network.AddNodes(peers.Length, NodeClass.Light, id => peers[id - 3] = new RecordingNode
        {
            // A joining peer says hello to one bootstrap, as a real one dials its bootstrap list.
            OnStarted = context => context.Send(
                context.Bootstraps[context.Random.NextInt(context.Bootstraps.Count)],
                new ToyMessage("hello", context.Self, context.Now), 100),
        });
        network.JoinInWaves(range, TimeSpan.FromSeconds(10), new JoinWaves(250, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)));
        var onlineAtWaveEnds = new List<int>();
        for (var wave = 0; wave < 4; wave++)
            engine.Schedule(TimeSpan.FromSeconds(10 + 60 * wave + 30), () => onlineAtWaveEnds.Add(network.OnlineCount));

        engine.RunUntilIdle();

        Assert.Equal([0, 1, 2], network.Bootstraps);
        Assert.Equal([253, 503, 753, 1003], onlineAtWaveEnds);
        var hellos = Enumerable.Range(0, 3)
            .SelectMany(b => ((RecordingNode)network.GetNode(b)).Arrivals)
            .ToDictionary(a => a.From, a => a.At - TimeSpan.FromMilliseconds(10));
        Assert.Equal(1_000, hellos.Count);
        foreach (var (peer, joinedAt) in hellos)
        {
            var wave = (peer - 3) / 250;
            Assert.InRange(joinedAt, TimeSpan.FromSeconds(10 + 60 * wave), TimeSpan.FromSeconds(15 + 60 * wave));
        }
        Assert.All(Enumerable.Range(0, 3), b => Assert.InRange(((RecordingNode)network.GetNode(b)).Arrivals.Count, 250, 420));
        Assert.Equal(NodeClass.Light, network.ClassOf(range.First));
    }

    [Fact]
    public void ProgressReports_CountPeersOnline()
    {
        var engine = new SimulationEngine(5);
        var network = new SimulatedNetwork<ToyMessage>(engine, new LinkTable(LinkProfile.Fixed(TimeSpan.FromMilliseconds(10))));
        var range = network.AddNodes(100, NodeClass.Full, _ => new RecordingNode());
        network.JoinInWaves(range, TimeSpan.Zero, new JoinWaves(10, TimeSpan.FromSeconds(1), TimeSpan.Zero));
        var reports = new List<SimulationProgress>();

        engine.Run(new SimulationRunLimits { ProgressEveryEvents = 25, Progress = reports.Add });

        // Reported between windows (10 ms: the link latency), so every 25 events or a window more; a
        // wave of 10 joins at each whole second, so the count online follows the virtual time.
        Assert.InRange(reports.Count, 4, 5);
        Assert.All(reports, r => Assert.Equal(10 * ((int)r.VirtualTime.TotalSeconds + 1), r.PeersOnline));
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.InRange(pair.Second.EventsProcessed - pair.First.EventsProcessed, 0, 25 + 10));
        Assert.Equal(100, reports[^1].PeersOnline);
        Assert.Equal(TimeSpan.FromSeconds(9), reports[^1].VirtualTime);
    }
}
