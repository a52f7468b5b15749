using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class AllocationTests
{
    /// <summary>Forwards every message to the next node and sets itself a timer.</summary>
    private sealed class RelayNode : ISimulatedNode<object>
    {
        public long Timers { get; private set; }

        public void OnStart(SimulatedNodeContext<object> context)
        {
        }

        public void OnMessage(SimulatedNodeContext<object> context, int from, object message)
        {
            context.Send((context.Self + 1) % context.Network.Count, message, 500);
            context.SetTimer(TimeSpan.FromMilliseconds(3), 1);
        }

        public void OnTimer(SimulatedNodeContext<object> context, int tag) => Timers++;

        public void OnCrash()
        {
        }
    }

    [Fact]
    public void SendingDeliveringAndNodeTimers_AllocateNothing_OnceTheQueueHasGrown()
    {
        var engine = new SimulationEngine(3);
        // A fixed rhythm, so the calendar's buckets see the same load on every turn and stop growing.
        var network = new SimulatedNetwork<object>(engine, new LinkTable(LinkProfile.Fixed(TimeSpan.FromMilliseconds(20))));
        network.SetClassProfile(NodeClass.Relay, new NodeClassProfile(1_000_000, 100_000));
        var relay = new RelayNode();
        network.StartAll(network.AddNodes(200, NodeClass.Relay, _ => relay), TimeSpan.Zero);
        var message = new object();
        engine.Schedule(TimeSpan.FromMilliseconds(1), () =>
        {
            for (var i = 0; i < 200; i++)
                network.Send(i, (i + 1) % 200, message, 500);
        });
        long allocatedAtStart = 0, allocatedAtEnd = 0, eventsAtStart = 0, eventsAtEnd = 0;
        engine.Schedule(TimeSpan.FromSeconds(8), () => (allocatedAtStart, eventsAtStart) = (GC.GetAllocatedBytesForCurrentThread(), engine.EventsProcessed));
        engine.Schedule(TimeSpan.FromSeconds(16), () => (allocatedAtEnd, eventsAtEnd) = (GC.GetAllocatedBytesForCurrentThread(), engine.EventsProcessed));

        engine.RunFor(TimeSpan.FromSeconds(16.5));

        var events = eventsAtEnd - eventsAtStart;
        Assert.True(events > 100_000, $"{events} events");
        Assert.True(relay.Timers > 50_000, $"{relay.Timers} timers");
        Assert.Equal(0, allocatedAtEnd - allocatedAtStart);
    }
}
