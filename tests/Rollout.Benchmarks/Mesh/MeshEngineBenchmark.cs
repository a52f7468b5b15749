using System.Globalization;
using Rollout.Mesh.Simulation;

namespace Rollout.Benchmarks.Mesh;

/// <summary>
/// <c>ops/bench mesh-engine [--nodes N] [--in-flight-per-node K] [--events E] [--seed S]</c>: the
/// simulation engine's own cost at mesh scale with a trivial node. Measures the heap the engine
/// needs per node and per message in flight, and the events per second of a steady random-walk
/// load (every delivery sends one message on to a random peer, so the queue stays at N·K events);
/// the anchor is the BCL <see cref="PriorityQueue{TElement,TPriority}"/> doing the same number of
/// dequeue/enqueue pairs at the same queue length, in the same run.
/// </summary>
internal static class MeshEngineBenchmark
{
    private const int MessageSize = 200;

    public static int Run(string[] args, TextWriter output)
    {
        var options = BenchOptions.Parse(args, output);
        if (options is null)
            return 2;
        var (nodes, perNode, events, seed) = options.Value;
        var inFlight = nodes * perNode;
        output.WriteLine($"mesh-engine: {nodes:N0} nodes, {inFlight:N0} messages in flight, {events:N0} events, seed {seed}");

        var baseline = HeapBytes();
        var engine = new SimulationEngine(seed, initialQueueCapacity: 16);
        var network = new SimulatedNetwork<object>(engine, new LinkTable(
            new LinkProfile(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(40), 0)), nodes);
        network.SetClassProfile(NodeClass.Light, new NodeClassProfile(1_250_000, 1_000_000));
        var walker = new RandomWalkNode(nodes, engine.CreateRandom("bench.walk"));
        network.AddNodes(nodes, NodeClass.Light, _ => walker);
        var afterNodes = HeapBytes();
        var perNodeBytes = (double)(afterNodes - baseline) / nodes;
        // The start events grow the queue's arrays, which then hold the messages in flight: counted there.
        network.StartAll(new NodeRange(0, nodes), TimeSpan.Zero);
        engine.RunUntilIdle();

        var message = new object();
        engine.ScheduleAfter(TimeSpan.Zero, () =>
        {
            for (var i = 0; i < inFlight; i++)
                network.Send(i % nodes, walker.NextPeer(), message, MessageSize);
        });
        engine.RunUntilIdle(maxEvents: 1);
        var afterMessages = HeapBytes();
        var perMessageBytes = (double)(afterMessages - afterNodes) / inFlight;

        walker.Budget = events;
        var startEvents = engine.EventsProcessed;
        var started = TimeProvider.System.GetTimestamp();
        var cpuStarted = CpuTime();
        engine.RunUntilIdle(maxEvents: events);
        var engineTime = TimeProvider.System.GetElapsedTime(started);
        var engineCpu = CpuTime() - cpuStarted;
        var engineEvents = engine.EventsProcessed - startEvents;
        var engineRate = engineEvents / engineTime.TotalSeconds;

        var cpuAnchor = CpuTime();
        var anchorTime = AnchorPriorityQueue(inFlight, engineEvents, seed);
        var anchorCpu = CpuTime() - cpuAnchor;
        var anchorRate = engineEvents / anchorTime.TotalSeconds;

        output.WriteLine(F($"engine bytes per node:              {perNodeBytes:F1}"));
        output.WriteLine(F($"engine bytes per message in flight: {perMessageBytes:F1} (queue length {engine.QueueLength:N0})"));
        output.WriteLine(F($"engine heap at {nodes:N0} nodes + {inFlight:N0} in flight: {(afterMessages - baseline) / 1048576.0:F1} MiB"));
        output.WriteLine(F($"engine events/s:                    {engineRate:N0} ({engineEvents:N0} events in {engineTime.TotalSeconds:F2} s, peak queue {engine.PeakQueueLength:N0})"));
        output.WriteLine(F($"anchor BCL PriorityQueue ops/s:     {anchorRate:N0} (same count of dequeue+enqueue at queue length {inFlight:N0})"));
        output.WriteLine(F($"ratio engine time / anchor time:    {engineTime / anchorTime:F2} wall, {engineCpu / anchorCpu:F2} CPU"));
        output.WriteLine(F($"engine events per CPU second:       {engineEvents / engineCpu.TotalSeconds:N0} (anchor {engineEvents / anchorCpu.TotalSeconds:N0})"));
        GC.KeepAlive(network);
        return 0;
    }

    private static TimeSpan AnchorPriorityQueue(int queueLength, long operations, ulong seed)
    {
        var random = new Xoshiro256StarStar(seed);
        var queue = new PriorityQueue<object, (long Time, long Sequence)>(queueLength);
        var item = new object();
        long sequence = 0;
        for (var i = 0; i < queueLength; i++)
            queue.Enqueue(item, ((long)random.NextBelow(700_000), sequence++));
        var started = TimeProvider.System.GetTimestamp();
        for (long i = 0; i < operations; i++)
        {
            queue.TryDequeue(out _, out var priority);
            queue.Enqueue(item, (priority.Time + 300_000 + (long)random.NextBelow(400_001), sequence++));
        }
        return TimeProvider.System.GetElapsedTime(started);
    }

    private static TimeSpan CpuTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static long HeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One stateless node object serves every id, so the heap measured is the engine's own.</summary>
    private sealed class RandomWalkNode(int nodes, Xoshiro256StarStar random) : ISimulatedNode<object>
    {
        public long Budget { get; set; }

        public int NextPeer() => random.NextInt(nodes);

        public void OnStart(SimulatedNodeContext<object> context)
        {
        }

        public void OnMessage(SimulatedNodeContext<object> context, int from, object message)
        {
            if (Budget-- > 0)
                context.Send(NextPeer(), message, MessageSize);
        }

        public void OnTimer(SimulatedNodeContext<object> context, int tag)
        {
        }

        public void OnCrash()
        {
        }
    }
}
