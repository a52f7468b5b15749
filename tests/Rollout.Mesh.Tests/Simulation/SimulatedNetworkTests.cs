using Rollout.Mesh.Simulation;
using Rollout.Mesh.Tests.Simulation.Toys;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class SimulatedNetworkTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static (SimulationEngine Engine, SimulatedNetwork<ToyMessage> Network, RecordingNode[] Nodes) Build(
        int count, LinkProfile link, ulong seed = 1, NodeClass nodeClass = NodeClass.Full)
    {
        var engine = new SimulationEngine(seed);
        var network = new SimulatedNetwork<ToyMessage>(engine, new LinkTable(link));
        var nodes = Enumerable.Range(0, count).Select(_ => new RecordingNode()).ToArray();
        foreach (var node in nodes)
            network.StartAt(network.AddNode(nodeClass, node), TimeSpan.Zero);
        engine.RunUntilIdle();
        return (engine, network, nodes);
    }

    private static ToyMessage Message(int id) => new("data", id, TimeSpan.Zero);

    [Fact]
    public void ArrivalTimes_LieBetweenTheLatencyAndTheLatencyPlusJitter_AndSpanTheRange()
    {
        var (engine, network, nodes) = Build(2, new LinkProfile(50 * Ms, 20 * Ms, 0));
        engine.Schedule(Ms, () =>
        {
            for (var i = 0; i < 10_000; i++)
                network.Send(0, 1, Message(i), 100);
        });

        engine.RunUntilIdle();

        var delays = nodes[1].Arrivals.Select(a => a.At - Ms).ToList();
        Assert.Equal(10_000, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, 50 * Ms, 70 * Ms));
        Assert.True(delays.Min() < 50.1 * Ms && delays.Max() > 69.9 * Ms, "jitter should cover its whole range");
    }

    [Fact]
    public void TheLossRate_MatchesTheLinkProbability_WithinStatisticalBounds()
    {
        var (engine, network, nodes) = Build(2, new LinkProfile(Ms, TimeSpan.Zero, 0.1));
        engine.Schedule(Ms, () =>
        {
            for (var i = 0; i < 100_000; i++)
                network.Send(0, 1, Message(i), 100);
        });

        engine.RunUntilIdle();

        // Losses are binomial(100000, 0.1): standard deviation ~95, so ±600 is over 6 sigma.
        var lost = network.Counters.DroppedLoss;
        Assert.InRange(lost, 10_000 - 600, 10_000 + 600);
        Assert.Equal(100_000 - lost, nodes[1].Arrivals.Count);
        Assert.Equal(100_000, network.Counters.Sent);
    }

    [Fact]
    public void ASaturatedUplink_QueuesMessages_SerialisingEachAtItsRate()
    {
        var (engine, network, nodes) = Build(2, LinkProfile.Fixed(10 * Ms));
        // 1,250,000 bytes/s: a 1,250-byte message takes exactly 1 ms to serialise.
        network.SetClassProfile(NodeClass.Full, new NodeClassProfile(1_250_000, 0));
        var start = engine.Elapsed;
        engine.Schedule(start, () =>
        {
            for (var i = 0; i < 3; i++)
                network.Send(0, 1, Message(i), 1_250);
            Assert.Equal(3 * Ms, network.UplinkBacklog(0));
        });

        engine.RunUntilIdle();

        Assert.Equal([start + 11 * Ms, start + 12 * Ms, start + 13 * Ms], nodes[1].Arrivals.Select(a => a.At));
    }

    [Fact]
    public void ANodesOwnUplink_OverridesItsClass_UntilCleared()
    {
        var (engine, network, nodes) = Build(3, LinkProfile.Fixed(10 * Ms));
        network.SetClassProfile(NodeClass.Full, new NodeClassProfile(1_250_000, 0));
        network.SetNodeUplink(1, new NodeClassProfile(125_000, 0));
        var t0 = engine.Elapsed;
        engine.Schedule(t0, () =>
        {
            network.Send(0, 2, Message(0), 1_250);
            network.Send(1, 2, Message(1), 1_250);
        });
        engine.Schedule(t0 + Ms * 100, () =>
        {
            network.SetNodeUplink(1, null);
            network.Send(1, 2, Message(2), 1_250);
        });

        engine.RunUntilIdle();

        Assert.Equal([t0 + 11 * Ms, t0 + 20 * Ms, t0 + 111 * Ms], nodes[2].Arrivals.Select(a => a.At));
        Assert.Equal(network.GetClassProfile(NodeClass.Full), network.UplinkOf(1));
    }

    [Fact]
    public void AnHourLongBacklogOnAFastUplink_IsMeasuredWithoutOverflow()
    {
        var (engine, network, _) = Build(2, LinkProfile.Fixed(Ms));
        // 1 GB/s with a 1.2 TB bound: 1,200 one-gigabyte messages fill it, a backlog of 20 minutes,
        // whose byte count (ticks × rate ≈ 1.2·10²⁵ / 10⁷) overflows 64 bits before the division.
        network.SetClassProfile(NodeClass.Full, new NodeClassProfile(1_000_000_000, 1_200_000_000_000));
        var results = new List<SendResult>();
        engine.ScheduleAfter(TimeSpan.Zero, () =>
        {
            for (var i = 0; i < 1_500; i++)
                results.Add(network.Send(0, 1, Message(i), 1_000_000_000));
        });

        engine.RunUntilIdle();

        Assert.Equal(1_200, results.Count(r => r == SendResult.Sent));
        Assert.Equal(300, network.Counters.DroppedQueueFull);
        Assert.Equal(TimeSpan.FromSeconds(1_200) + Ms, engine.Elapsed);
    }

    [Fact]
    public void SerialisationDelay_IsTheSizeOverTheRate_RoundedUpToATick()
    {
        Assert.Equal(10_000, SimulatedNetwork<ToyMessage>.SerialisationTicks(1_250, 1_250_000));
        Assert.Equal(8, SimulatedNetwork<ToyMessage>.SerialisationTicks(1, 1_250_000));
        Assert.Equal(TimeSpan.TicksPerSecond * 2, SimulatedNetwork<ToyMessage>.SerialisationTicks(2_000_000_000, 1_000_000_000));
    }

    [Fact]
    public void AFullOutboundQueue_DropsWhatWouldOverflowIt_AndAcceptsAgainOnceItDrains()
    {
        var (engine, network, nodes) = Build(2, LinkProfile.Fixed(Ms));
        network.SetClassProfile(NodeClass.Full, new NodeClassProfile(1_250_000, 3_000));
        var results = new List<SendResult>();
        engine.ScheduleAfter(TimeSpan.Zero, () =>
        {
            for (var i = 0; i < 5; i++)
                results.Add(network.Send(0, 1, Message(i), 1_250));
        });
        engine.ScheduleAfter(Ms, () => results.Add(network.Send(0, 1, Message(5), 1_250)));

        engine.RunUntilIdle();

        Assert.Equal(
            [SendResult.Sent, SendResult.Sent, SendResult.QueueFull, SendResult.QueueFull, SendResult.QueueFull, SendResult.Sent],
            results);
        Assert.Equal(3, network.Counters.DroppedQueueFull);
        Assert.Equal([0, 1, 5], nodes[1].Arrivals.Select(a => a.Message.Id));
    }

    [Fact]
    public void ACrash_DropsEveryMessageInFlightToTheNode_EvenIfItRejoinsBeforeTheyArrive()
    {
        var (engine, network, nodes) = Build(2, LinkProfile.Fixed(100 * Ms));
        var t0 = engine.Elapsed;
        engine.Schedule(t0, () => network.Send(0, 1, Message(1), 10));
        network.CrashAt(1, t0 + 50 * Ms);
        network.RejoinAt(1, t0 + 60 * Ms);
        engine.Schedule(t0 + 70 * Ms, () => network.Send(0, 1, Message(2), 10));

        engine.RunUntilIdle();

        Assert.Equal([2], nodes[1].Arrivals.Select(a => a.Message.Id));
        Assert.Equal(1, network.Counters.DroppedReceiverOffline);
        Assert.Equal(1, nodes[1].Crashes);
        Assert.Equal(2, nodes[1].Starts);
        Assert.Equal(1, network.IncarnationOf(1));
    }

    [Fact]
    public void ACrashedNode_CannotSend_AndItsTimersNeverFire()
    {
        var (engine, network, nodes) = Build(2, LinkProfile.Fixed(Ms));
        nodes[1].OnStarted = context => context.SetTimer(TimeSpan.FromSeconds(1), 7);
        network.RejoinAt(1, engine.Elapsed);
        engine.Schedule(engine.Elapsed, () => network.Crash(1));
        engine.RunUntilIdle();
        // Restarted with fresh state: a new node object takes over the id.
        var replacement = new RecordingNode();
        network.RejoinAt(1, engine.Elapsed + TimeSpan.FromSeconds(5), replacement);
        engine.Schedule(engine.Elapsed + TimeSpan.FromSeconds(2), () =>
            Assert.Equal(SendResult.SenderOffline, network.Send(1, 0, Message(1), 10)));

        engine.RunUntilIdle();

        Assert.Empty(nodes[1].Timers);
        Assert.Equal(1, replacement.Starts);
        Assert.Same(replacement, network.GetNode(1));
        Assert.True(network.IsOnline(1));
        Assert.Equal(1, network.Counters.DroppedSenderOffline);
    }

    [Fact]
    public void ANodeTimer_FiresAtItsVirtualTime_WithItsTag()
    {
        var (engine, network, nodes) = Build(1, LinkProfile.Fixed(Ms));
        var t0 = engine.Elapsed;
        engine.Schedule(t0, () => network.ContextOf(0).SetTimer(250 * Ms, 42));

        engine.RunUntilIdle();

        Assert.Equal([(t0 + 250 * Ms, 42)], nodes[0].Timers);
    }

    [Fact]
    public void ALinkTakenDown_RefusesSends_AndDropsWhatWasInFlight_EvenIfItComesBackUp()
    {
        var (engine, network, nodes) = Build(3, LinkProfile.Fixed(100 * Ms));
        var t0 = engine.Elapsed;
        var results = new List<SendResult>();
        engine.Schedule(t0, () =>
        {
            network.Send(0, 1, Message(1), 10);
            network.Send(0, 2, Message(2), 10);
        });
        engine.Schedule(t0 + 10 * Ms, () => network.Links.SetUp(1, 0, up: false));
        engine.Schedule(t0 + 20 * Ms, () => results.Add(network.Send(0, 1, Message(3), 10)));
        engine.Schedule(t0 + 30 * Ms, () => network.Links.SetUp(0, 1, up: true));
        engine.Schedule(t0 + 40 * Ms, () => results.Add(network.Send(1, 0, Message(4), 10)));

        engine.RunUntilIdle();

        Assert.Empty(nodes[1].Arrivals);
        Assert.Equal([2], nodes[2].Arrivals.Select(a => a.Message.Id));
        Assert.Equal([4], nodes[0].Arrivals.Select(a => a.Message.Id));
        Assert.Equal([SendResult.LinkDown, SendResult.Sent], results);
        Assert.Equal(2, network.Counters.DroppedLinkDown);
    }

    [Fact]
    public void ClassLinks_AndPairOverrides_SetTheLatency()
    {
        var engine = new SimulationEngine(1);
        var links = new LinkTable(LinkProfile.Fixed(80 * Ms));
        links.SetClassLink(NodeClass.Relay, NodeClass.Light, LinkProfile.Fixed(30 * Ms));
        var network = new SimulatedNetwork<ToyMessage>(engine, links);
        var relay = new RecordingNode();
        var light = new RecordingNode();
        var other = new RecordingNode();
        var r = network.AddNode(NodeClass.Relay, relay);
        var l = network.AddNode(NodeClass.Light, light);
        var o = network.AddNode(NodeClass.Light, other);
        links.SetPairLink(o, r, LinkProfile.Fixed(5 * Ms));
        foreach (var id in new[] { r, l, o })
            network.StartAt(id, TimeSpan.Zero);
        engine.Schedule(TimeSpan.Zero, () =>
        {
            network.Send(l, r, Message(1), 10);
            network.Send(r, o, Message(2), 10);
            network.Send(l, o, Message(3), 10);
        });

        engine.RunUntilIdle();

        Assert.Equal([30 * Ms], relay.Arrivals.Select(a => a.At));
        Assert.Equal([5 * Ms, 80 * Ms], other.Arrivals.Select(a => a.At));
        Assert.Equal(LinkProfile.Fixed(30 * Ms), links.GetClassLink(NodeClass.Light, NodeClass.Relay));
    }

    [Fact]
    public void PingPong_RoundTripsAreTwiceTheLatency_PlusSerialisationBothWays()
    {
        var engine = new SimulationEngine(1);
        var network = new SimulatedNetwork<ToyMessage>(engine, new LinkTable(LinkProfile.Fixed(20 * Ms)));
        network.SetClassProfile(NodeClass.Light, new NodeClassProfile(64_000, 0));
        var a = new PingPongNode(1, TimeSpan.FromSeconds(1), pings: 5);
        var b = new PingPongNode(0, TimeSpan.FromSeconds(1), pings: 0);
        network.StartAt(network.AddNode(NodeClass.Light, a), TimeSpan.Zero);
        network.StartAt(network.AddNode(NodeClass.Light, b), TimeSpan.Zero);

        engine.RunUntilIdle();

        // 64 bytes at 64,000 bytes/s is 1 ms each way.
        Assert.Equal(Enumerable.Repeat(42 * Ms, 5), a.RoundTrips);
        Assert.Equal(TimeSpan.FromSeconds(4) + 42 * Ms, engine.Elapsed);
    }

    [Fact]
    public void BadParameters_AreRefusedWithTheirNames()
    {
        Assert.Equal("Latency", Assert.Throws<ArgumentOutOfRangeException>(() => new LinkTable(LinkProfile.Fixed(-Ms))).ParamName);
        Assert.Equal("LossProbability", Assert.Throws<ArgumentOutOfRangeException>(
            () => new LinkTable(new LinkProfile(Ms, Ms, 1.5))).ParamName);
        var (_, network, _) = Build(1, LinkProfile.Fixed(Ms));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Send(0, 7, Message(1), 10));
    }
}
