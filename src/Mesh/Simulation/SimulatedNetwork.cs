using System.Runtime.CompilerServices;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// Nodes and the links between them, on a <see cref="SimulationEngine"/>. Node state the network
/// needs is kept in arrays by node id (the node with its online flag, incarnation and last crash in one
/// slot; its class; its send state: uplink busy-until and link random stream), a few dozen bytes per node, and a message in flight is one struct event in the
/// engine's queue, on the receiver's lane. Each node's uplink is a FIFO queue served at its class's
/// rate; a message that would overflow it is dropped. A node's events touch only its own entries,
/// and counters are kept per engine partition, so the engine may run nodes on several threads; the
/// engine's lookahead is the links' shortest latency. Owns its node table and counters.
/// </summary>
/// <typeparam name="TMessage">The message type carried; protocol adapters choose it.</typeparam>
public sealed class SimulatedNetwork<TMessage> : ISimulationEventHandler
    where TMessage : class
{
    private readonly NodeClassProfile[] _classProfiles = new NodeClassProfile[4];
    private readonly List<int> _bootstraps = [];
    private readonly Dictionary<int, NodeClassProfile> _uplinkOverrides = [];
    private readonly ulong _linkSeed;
    private readonly ulong _nodeSeed;
    private readonly NodeControl _control;
    private readonly PartitionLocal<NetworkCounters> _counters;
    // What a delivery checks of its receiver, and the receiver itself: one array, so one cache miss instead of four.
    private NodeSlot[] _slots;
    private NodeClass[] _classes;
    private SendState[] _sendStates;
    private Xoshiro256StarStar?[] _nodeRandoms;
    private int _onlineCount;

    /// <summary>Creates an empty network on <paramref name="engine"/>; every class starts with an unlimited uplink.</summary>
    public SimulatedNetwork(SimulationEngine engine, LinkTable links, int expectedNodes = 1024)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedNodes);
        Engine = engine;
        Links = links;
        Array.Fill(_classProfiles, NodeClassProfile.Unlimited);
        _linkSeed = Xoshiro256StarStar.DeriveSeed(engine.Seed, "network.links");
        _nodeSeed = Xoshiro256StarStar.DeriveSeed(engine.Seed, "network.nodes");
        _control = new NodeControl(this);
        _counters = engine.CreatePartitionLocal(() => new NetworkCounters());
        var capacity = Math.Max(expectedNodes, 16);
        _slots = new NodeSlot[capacity];
        _classes = new NodeClass[capacity];
        _sendStates = new SendState[capacity];
        _nodeRandoms = new Xoshiro256StarStar?[capacity];
        engine.PeersOnline = () => OnlineCount;
        engine.Lookahead = () => links.MinimumLatencyTicks;
    }

    /// <summary>The engine the network runs on.</summary>
    public SimulationEngine Engine { get; }

    /// <summary>Link parameters and link state.</summary>
    public LinkTable Links { get; }

    /// <summary>Message counters, summed over the engine's partitions (a new snapshot each call).</summary>
    public NetworkCounters Counters => NetworkCounters.Sum(_counters.All);

    /// <summary>Nodes added so far; ids run from 0 to Count − 1.</summary>
    public int Count { get; private set; }

    /// <summary>Nodes online now.</summary>
    public int OnlineCount => Volatile.Read(ref _onlineCount);

    /// <summary>The ids of nodes added as <see cref="NodeClass.Bootstrap"/>.</summary>
    public IReadOnlyList<int> Bootstraps => _bootstraps;

    /// <summary>Node <paramref name="node"/>'s own random stream (purpose "network.nodes"), for its events only.</summary>
    public Xoshiro256StarStar RandomOf(int node) => _nodeRandoms[Check(node)] ??= Xoshiro256StarStar.ForNode(_nodeSeed, node);

    /// <summary>Sets a class's uplink.</summary>
    public void SetClassProfile(NodeClass nodeClass, NodeClassProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        _classProfiles[(int)nodeClass] = profile;
    }

    /// <summary>A class's uplink.</summary>
    public NodeClassProfile GetClassProfile(NodeClass nodeClass) => _classProfiles[(int)nodeClass];

    /// <summary>Gives one node its own uplink over its class's (a relay on a slow line), or its class's again with null.</summary>
    public void SetNodeUplink(int node, NodeClassProfile? profile)
    {
        Check(node);
        if (profile is null)
        {
            _uplinkOverrides.Remove(node);
            return;
        }
        profile.Validate();
        _uplinkOverrides[node] = profile;
    }

    /// <summary>The uplink node <paramref name="node"/> sends through.</summary>
    public NodeClassProfile UplinkOf(int node)
    {
        Check(node);
        return _uplinkOverrides.Count > 0 && _uplinkOverrides.TryGetValue(node, out var own) ? own : _classProfiles[(int)_classes[node]];
    }

    /// <summary>Adds an offline node and returns its id; start it with <see cref="StartAt"/> or <see cref="JoinInWaves"/>. Call it before a run or from a shared event.</summary>
    public int AddNode(NodeClass nodeClass, ISimulatedNode<TMessage> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Count == _slots.Length)
            Grow();
        var id = Count++;
        Engine.ReserveLanes(Count);
        _slots[id].Node = node;
        _sendStates[id] = new SendState { LinkStream = Xoshiro256StarStar.Finalise(_linkSeed ^ ((ulong)(uint)id * 0xD6E8FEB86659FD93UL)) };
        _classes[id] = nodeClass;
        if (nodeClass == NodeClass.Bootstrap)
            _bootstraps.Add(id);
        return id;
    }

    /// <summary>Adds <paramref name="count"/> offline nodes of one class; the factory receives each new id.</summary>
    public NodeRange AddNodes(int count, NodeClass nodeClass, Func<int, ISimulatedNode<TMessage>> factory)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(factory);
        var first = Count;
        for (var i = 0; i < count; i++)
            AddNode(nodeClass, factory(first + i));
        return new NodeRange(first, count);
    }

    /// <summary>The node with id <paramref name="node"/>.</summary>
    public ISimulatedNode<TMessage> GetNode(int node) => _slots[Check(node)].Node;

    /// <summary>The class of node <paramref name="node"/>.</summary>
    public NodeClass ClassOf(int node) => _classes[Check(node)];

    /// <summary>True while node <paramref name="node"/> is online.</summary>
    public bool IsOnline(int node) => _slots[Check(node)].Online;

    /// <summary>How many times node <paramref name="node"/> has crashed.</summary>
    public int IncarnationOf(int node) => _slots[Check(node)].Incarnation;

    /// <summary>How long a message sent by <paramref name="node"/> now would wait for its uplink.</summary>
    public TimeSpan UplinkBacklog(int node) => TimeSpan.FromTicks(Math.Max(0, _sendStates[Check(node)].UplinkFreeAt - Engine.NowTicks));

    /// <summary>Node <paramref name="node"/>'s context, to act as that node from outside a callback (a scenario publishing from it).</summary>
    public SimulatedNodeContext<TMessage> ContextOf(int node) => new(this, Check(node));

    /// <summary>Brings every node of <paramref name="range"/> online at virtual time <paramref name="at"/>.</summary>
    public void StartAll(NodeRange range, TimeSpan at)
    {
        for (var node = range.First; node < range.End; node++)
            StartAt(node, at);
    }

    /// <summary>Brings a node online at virtual time <paramref name="at"/>; nothing happens if it is online then.</summary>
    public void StartAt(int node, TimeSpan at) => Engine.Schedule(at.Ticks, Check(node), _control, null, node, d: NodeControl.Start);

    /// <summary>Schedules the nodes of <paramref name="range"/> to join in waves from <paramref name="firstWaveAt"/> (random stream "population.join").</summary>
    public void JoinInWaves(NodeRange range, TimeSpan firstWaveAt, JoinWaves waves)
    {
        ArgumentNullException.ThrowIfNull(waves);
        waves.Validate();
        var random = Engine.CreateRandom("population.join");
        for (var i = 0; i < range.Count; i++)
        {
            var at = firstWaveAt.Ticks + (i / waves.WaveSize) * waves.Interval.Ticks;
            if (waves.Spread > TimeSpan.Zero)
                at += (long)random.NextBelow((ulong)waves.Spread.Ticks);
            Engine.Schedule(at, Check(range.First + i), _control, null, range.First + i, d: NodeControl.Start);
        }
    }

    /// <summary>
    /// Crashes a node now: messages in flight to it and its context timers are void. Messages it had
    /// already handed to its uplink still go out, as if flushed at the crash.
    /// </summary>
    public void Crash(int node)
    {
        ref var slot = ref _slots[Check(node)];
        if (!slot.Online)
            return;
        slot.Online = false;
        slot.Incarnation++;
        slot.CrashedAt = Engine.NowTicks;
        Interlocked.Decrement(ref _onlineCount);
        slot.Node.OnCrash();
    }

    /// <summary>Crashes a node at virtual time <paramref name="at"/>.</summary>
    public void CrashAt(int node, TimeSpan at) => Engine.Schedule(at.Ticks, Check(node), _control, null, node, d: NodeControl.Crash);

    /// <summary>Brings a crashed node back at <paramref name="at"/>, as <paramref name="replacement"/> when given (a restart that lost its state).</summary>
    public void RejoinAt(int node, TimeSpan at, ISimulatedNode<TMessage>? replacement = null) =>
        Engine.Schedule(at.Ticks, Check(node), _control, replacement, node, d: NodeControl.Start);

    /// <summary>True when node <paramref name="node"/> crashed at or after virtual time <paramref name="ticks"/>.</summary>
    public bool CrashedSince(int node, long ticks) => _slots[Check(node)].CrashedSince(ticks);

    /// <summary>
    /// Sends a message: it waits for the sender's uplink, is serialised at the sender class's rate,
    /// then crosses the link (latency, jitter, loss). It arrives only if the receiver is online and
    /// has not crashed meanwhile, and the link stayed up. Call it from the sender's events only (or
    /// between runs): it draws from the sender's random stream.
    /// </summary>
    public SendResult Send(int from, int to, TMessage message, int sizeBytes)
    {
        Check(from);
        Check(to);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        var counters = _counters.Current;
        if (!_slots[from].Online)
        {
            counters.DroppedSenderOffline++;
            return SendResult.SenderOffline;
        }
        var generation = Links.Generation(from, to);
        if ((generation & 1) != 0)
        {
            counters.DroppedLinkDown++;
            return SendResult.LinkDown;
        }
        var now = Engine.NowTicks;
        var departure = now;
        ref var state = ref _sendStates[from];
        var uplink = _uplinkOverrides.Count > 0 && _uplinkOverrides.TryGetValue(from, out var own) ? own : _classProfiles[(int)_classes[from]];
        if (uplink.UplinkBytesPerSecond > 0)
        {
            var start = Math.Max(state.UplinkFreeAt, now);
            if (uplink.OutboundQueueLimitBytes > 0
                && BytesIn(start - now, uplink.UplinkBytesPerSecond) + sizeBytes > uplink.OutboundQueueLimitBytes)
            {
                counters.DroppedQueueFull++;
                return SendResult.QueueFull;
            }
            departure = start + SerialisationTicks(sizeBytes, uplink.UplinkBytesPerSecond);
            state.UplinkFreeAt = departure;
        }
        counters.Sent++;
        counters.BytesSent += sizeBytes;
        var link = Links.Get(from, _classes[from], to, _classes[to]);
        if (IRandomBits.Chance(ref state, link.LossProbability))
        {
            counters.DroppedLoss++;
            return SendResult.Sent;
        }
        var arrival = departure + link.Latency.Ticks;
        if (link.Jitter > TimeSpan.Zero)
            arrival += (long)IRandomBits.Below(ref state, (ulong)link.Jitter.Ticks + 1);
        // The receiver's incarnation is its own lane's state: the event carries how long the message
        // travels instead (up to 214 s exactly), and the receiver checks for a crash since it left.
        var flight = (int)Math.Min(arrival - now, int.MaxValue);
        Engine.Schedule(arrival, to, this, message, to, from, flight, generation);
        return SendResult.Sent;
    }

    /// <summary>Ticks to serialise <paramref name="sizeBytes"/> at <paramref name="bytesPerSecond"/>, rounded up.</summary>
    public static long SerialisationTicks(int sizeBytes, long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        // size × 10⁷ stays below 2.2·10¹⁶, so 64-bit arithmetic is exact for any rate up to 10¹⁸ bytes/s.
        return bytesPerSecond <= 1_000_000_000_000_000_000
            ? ((long)sizeBytes * TimeSpan.TicksPerSecond + bytesPerSecond - 1) / bytesPerSecond
            : (long)(((Int128)sizeBytes * TimeSpan.TicksPerSecond + bytesPerSecond - 1) / bytesPerSecond);
    }

    /// <summary>Delivers a message event; the engine calls it.</summary>
    void ISimulationEventHandler.Handle(in SimulationEvent simulationEvent)
    {
        var to = simulationEvent.A;
        var from = simulationEvent.B;
        var counters = _counters.Current;
        ref var receiver = ref _slots[to];
        if (!receiver.Online || receiver.CrashedSince(simulationEvent.Time - simulationEvent.C))
        {
            counters.DroppedReceiverOffline++;
            return;
        }
        if (Links.Generation(from, to) != simulationEvent.D)
        {
            counters.DroppedLinkDown++;
            return;
        }
        counters.Delivered++;
        receiver.Node.OnMessage(new SimulatedNodeContext<TMessage>(this, to), from, Unsafe.As<TMessage>(simulationEvent.Payload!));
    }

    internal void SetTimer(int node, TimeSpan delay, int tag)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Engine.Schedule(Engine.NowTicks + delay.Ticks, node, _control, null, node, tag, _slots[node].Incarnation, NodeControl.Timer);
    }

    private void StartNow(int node, ISimulatedNode<TMessage>? replacement)
    {
        ref var slot = ref _slots[node];
        if (slot.Online)
            return;
        if (replacement is not null)
            slot.Node = replacement;
        slot.Online = true;
        Interlocked.Increment(ref _onlineCount);
        slot.Node.OnStart(new SimulatedNodeContext<TMessage>(this, node));
    }

    private void FireTimer(int node, int tag, int incarnation)
    {
        ref var slot = ref _slots[node];
        if (slot.Online && slot.Incarnation == incarnation)
            slot.Node.OnTimer(new SimulatedNodeContext<TMessage>(this, node), tag);
    }

    private static long BytesIn(long ticks, long bytesPerSecond)
    {
        // One widening multiply decides whether 64 bits suffice; dividing by the constant is a multiply too.
        var high = Math.BigMul((ulong)ticks, (ulong)bytesPerSecond, out var low);
        return high == 0 && low <= long.MaxValue - TimeSpan.TicksPerSecond
            ? ((long)low + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond
            : (long)(((Int128)ticks * bytesPerSecond + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
    }

    private int Check(int node)
    {
        if ((uint)node >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(node), node, $"no node has this id (the network holds {Count})");
        return node;
    }

    private void Grow()
    {
        var capacity = _slots.Length * 2;
        Array.Resize(ref _slots, capacity);
        Array.Resize(ref _classes, capacity);
        Array.Resize(ref _sendStates, capacity);
        Array.Resize(ref _nodeRandoms, capacity);
    }

    /// <summary>A node, whether it is online, and its crashes: what a delivery reads of its receiver, in 24 bytes.</summary>
    private struct NodeSlot
    {
        public ISimulatedNode<TMessage> Node;
        public long CrashedAt;
        public int Incarnation;
        public bool Online;

        /// <summary>True when the node crashed at or after <paramref name="ticks"/>.</summary>
        public readonly bool CrashedSince(long ticks) => CrashedAt >= ticks && Incarnation > 0;
    }

    /// <summary>
    /// What a send needs of its sender, in one place (one cache line, where a random stream object
    /// would be a second): when its uplink is free, and its link random stream, a SplitMix64 sequence
    /// (the node's own start, advanced by a counter) for loss and jitter.
    /// </summary>
    private struct SendState : IRandomBits
    {
        public long UplinkFreeAt;
        public ulong LinkStream;
        public ulong Draws;

        public ulong NextUInt64() => Xoshiro256StarStar.Finalise(LinkStream + ++Draws * 0x9E3779B97F4A7C15UL);
    }

    /// <summary>Start, crash and timer events of nodes; the event's D says which.</summary>
    private sealed class NodeControl(SimulatedNetwork<TMessage> network) : ISimulationEventHandler
    {
        public const int Timer = 0;
        public const int Start = 1;
        public const int Crash = 2;

        public void Handle(in SimulationEvent simulationEvent)
        {
            switch (simulationEvent.D)
            {
                case Timer:
                    network.FireTimer(simulationEvent.A, simulationEvent.B, simulationEvent.C);
                    break;
                case Start:
                    network.StartNow(simulationEvent.A, simulationEvent.Payload as ISimulatedNode<TMessage>);
                    break;
                default:
                    network.Crash(simulationEvent.A);
                    break;
            }
        }
    }
}
