using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;
using Rollout.Mesh.Roles;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// A simulated network of bootstraps, relays and light peers running the real protocol
/// (<see cref="MeshNode"/>), plus the probes the scenarios read: when each peer reached a bootstrap,
/// sent it a GRAFT and received its PX; bootstrap connection peaks, refusals and PRUNE sizes;
/// deliveries per tracked message. Node ids: bootstraps first, then relays, then light peers.
/// Probes are arrays indexed by node id, so they cost 24 bytes per peer, written only by that node's
/// events (or by a bootstrap's, keeping the earliest time); tallies are kept per engine partition
/// and added up when read, so the engine may run the nodes on several threads
/// (<see cref="ScenarioSettings.Threads"/>) with the same results.
/// </summary>
public sealed class MeshPopulation
{
    private readonly Dictionary<PeerId, int> _index;
    private readonly MeshWire[] _dials;
    private readonly MeshWire[] _accepts;
    private readonly int[] _bootstrapStart;
    private readonly Dictionary<MessageId, int> _tracked = [];
    private readonly List<long> _publishedAt = [];
    private readonly PartitionLocal<Tallies> _tallies;
    private readonly ulong _routerSeed;
    private readonly CrashClose _crashClose;
    private readonly Lock _breachLock = new();
    private (long At, int Bootstrap, int Open, int DeadPastGrace)? _firstBreach;

    /// <summary>Builds the population (keys, records, nodes); nothing runs until a scenario schedules it.</summary>
    public MeshPopulation(ScenarioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        var count = settings.Bootstraps + settings.Relays + settings.Peers;
        Engine = new SimulationEngine(settings.Seed, initialQueueCapacity: Math.Max(1024, count * 4)) { Parallelism = settings.Threads };
        _tallies = Engine.CreatePartitionLocal(() => new Tallies());
        _crashClose = new CrashClose(this);
        var jitter = TimeSpan.FromTicks(settings.Latency.Ticks / 4);
        Network = new SimulatedNetwork<MeshWire>(Engine, new LinkTable(new LinkProfile(settings.Latency, jitter, settings.Loss)), count);
        Network.SetClassProfile(NodeClass.Bootstrap, new NodeClassProfile(settings.BootstrapUplink, 256L << 20));
        Network.SetClassProfile(NodeClass.Relay, new NodeClassProfile(settings.RelayUplink, settings.RelayQueueLimit));
        Network.SetClassProfile(NodeClass.Light, new NodeClassProfile(settings.LightUplink, settings.LightQueueLimit));
        // One seeded stream per router (the protocol's peer selection), one stream for keys.
        _routerSeed = Xoshiro256StarStar.DeriveSeed(settings.Seed, "mesh.routers");
        var keyRandom = new Random(unchecked((int)Xoshiro256StarStar.DeriveSeed(settings.Seed, "mesh.keys")));
        Keys = new Ed25519KeyPair[count];
        Ids = new PeerId[count];
        Records = new SignedPeerRecord[count];
        _dials = new MeshWire[count];
        _accepts = new MeshWire[count];
        _index = new Dictionary<PeerId, int>(count);
        // The seeds are drawn in node order, so the keys do not depend on the threads that turn them
        // into key pairs and signed records (74 µs a node: 7 s on one thread at 100,000 peers).
        var seeds = new byte[count][];
        for (var i = 0; i < count; i++) keyRandom.NextBytes(seeds[i] = new byte[Ed25519KeyPair.SeedLength]);
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = settings.Threads }, i =>
        {
            var key = Ed25519KeyPair.FromSeed(seeds[i]);
            Keys[i] = key;
            Ids[i] = key.PeerId;
            Records[i] = SignedPeerRecord.Create(key, 1, [$"/sim/{i}"]);
        });
        for (var i = 0; i < count; i++) _index.Add(Ids[i], i);
        BootstrapList = new BootstrapPeers(Records[..settings.Bootstraps]);
        BootstrapConnectedAt = Filled(count);
        GraftAt = Filled(count);
        PeerExchangeAt = Filled(count);
        MeshBuiltAt = Filled(count);
        BootstrapPeak = new int[settings.Bootstraps];
        var placement = Engine.CreateRandom("mesh.bootstrap-choice");
        _bootstrapStart = new int[count];
        for (var i = 0; i < count; i++) _bootstrapStart[i] = placement.NextInt(settings.Bootstraps);
        // Relays spread over the bootstraps, so every bootstrap knows a relay before the first light peer arrives.
        for (var r = 0; r < settings.Relays; r++) _bootstrapStart[settings.Bootstraps + r] = r % settings.Bootstraps;

        Profiles = new ScenarioProfiles(settings);
        BootstrapRange = Network.AddNodes(settings.Bootstraps, NodeClass.Bootstrap, id => new SimulatedMeshNode(this, id, Profiles.Bootstrap));
        RelayRange = Network.AddNodes(settings.Relays, NodeClass.Relay, id => new SimulatedMeshNode(this, id, Profiles.Relay));
        LightRange = Network.AddNodes(settings.Peers, NodeClass.Light, id => new SimulatedMeshNode(this, id, Profiles.Light));
        for (var i = 0; i < count; i++)
        {
            _dials[i] = new MeshWire(MeshWireKind.Dial, Records[i], null);
            _accepts[i] = new MeshWire(MeshWireKind.Accept, Records[i], null);
        }
        Engine.PeersOnline = () => Network.OnlineCount;
    }

    /// <summary>The topic every node joins.</summary>
    public string Topic => "rollout/mesh";

    /// <summary>The settings.</summary>
    public ScenarioSettings Settings { get; }

    /// <summary>The role profiles built from the settings.</summary>
    public ScenarioProfiles Profiles { get; }

    /// <summary>The engine.</summary>
    public SimulationEngine Engine { get; }

    /// <summary>The network.</summary>
    public SimulatedNetwork<MeshWire> Network { get; }

    /// <summary>The seeded random source of node <paramref name="node"/>'s router, a new one each call.</summary>
    public Random RouterRandom(int node) => new StreamRandom(Xoshiro256StarStar.ForNode(_routerSeed, node));

    /// <summary>Every node's key.</summary>
    public Ed25519KeyPair[] Keys { get; }

    /// <summary>Every node's peer ID.</summary>
    public PeerId[] Ids { get; }

    /// <summary>Every node's signed record.</summary>
    public SignedPeerRecord[] Records { get; }

    /// <summary>The bootstrap list every node ships with.</summary>
    public BootstrapPeers BootstrapList { get; }

    /// <summary>Bootstrap node ids.</summary>
    public NodeRange BootstrapRange { get; }

    /// <summary>Relay node ids.</summary>
    public NodeRange RelayRange { get; }

    /// <summary>Light peer node ids.</summary>
    public NodeRange LightRange { get; }

    /// <summary>Per node: virtual ticks when it first connected to a bootstrap, or -1.</summary>
    public long[] BootstrapConnectedAt { get; }

    /// <summary>Per node: when a bootstrap first received its GRAFT, or -1.</summary>
    public long[] GraftAt { get; }

    /// <summary>Per node: when it first received a PRUNE with PX from a bootstrap, or -1.</summary>
    public long[] PeerExchangeAt { get; }

    /// <summary>Per node: when its mesh first reached Dlo after it had connected to a bootstrap, or -1.</summary>
    public long[] MeshBuiltAt { get; }

    /// <summary>Per bootstrap: the most connections it held at once.</summary>
    public int[] BootstrapPeak { get; }

    /// <summary>Connections refused by bootstraps at their hard watermark.</summary>
    public long Refusals => _tallies.All.Sum(t => t.Refusals);

    /// <summary>Times a bootstrap's connection count exceeded its high watermark, or a connection was refused at it.</summary>
    public long WatermarkBreaches => _tallies.All.Sum(t => t.WatermarkBreaches);

    /// <summary>At the first breach (the earliest, the lowest bootstrap id at a tie): open connections on that bootstrap, and how many were dead (no streams, silent past the silence period, past the grace period).</summary>
    public (int Open, int DeadPastGrace)? FirstBreach => _firstBreach is { } first ? (first.Open, first.DeadPastGrace) : null;

    /// <summary>PRUNE-carrying RPCs bootstraps sent, their bytes and the largest.</summary>
    public (long Count, long Bytes, int Largest) BootstrapPrunes =>
        (_tallies.All.Sum(t => t.PruneCount), _tallies.All.Sum(t => t.PruneBytes), _tallies.All.Max(t => t.LargestPrune));

    /// <summary>RPCs that arrived on a link the receiver did not know (it had restarted) and were reset.</summary>
    public long Resets => _tallies.All.Sum(t => t.Resets);

    /// <summary>The node of id <paramref name="id"/>.</summary>
    public SimulatedMeshNode NodeAt(int id) => (SimulatedMeshNode)Network.GetNode(id);

    /// <summary>The id of a peer, or -1.</summary>
    public int IndexOf(PeerId peer) => _index.GetValueOrDefault(peer, -1);

    /// <summary>True for a bootstrap id.</summary>
    public bool IsBootstrap(int id) => id < Settings.Bootstraps;

    internal MeshWire DialOf(int id) => _dials[id];

    internal MeshWire AcceptOf(int id) => _accepts[id];

    internal int BootstrapStart(int id) => _bootstrapStart[id];

    /// <summary>Brings the bootstraps and relays up at 0 and the light peers in waves from one second on.</summary>
    public void ScheduleJoin()
    {
        Network.StartAll(BootstrapRange, TimeSpan.Zero);
        Network.StartAll(RelayRange, TimeSpan.FromMilliseconds(500));
        Network.JoinInWaves(LightRange, TimeSpan.FromSeconds(1), new JoinWaves(Settings.EffectiveWaveSize, Settings.WaveInterval, Settings.WaveInterval / 2));
    }

    /// <summary>When the last join wave starts.</summary>
    public TimeSpan LastWaveAt => TimeSpan.FromSeconds(1) + (Settings.WaveInterval * ((Settings.Peers - 1) / Settings.EffectiveWaveSize)) + (Settings.WaveInterval / 2);

    /// <summary>Starts counting deliveries of <paramref name="message"/>, published now.</summary>
    public void Track(PubsubMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Engine.CurrentLane != SimulationEngine.SharedLane)
            throw new InvalidOperationException("messages are tracked from a scenario step (a shared event), not from a node's event");
        _tracked[message.Id] = _publishedAt.Count;
        _publishedAt.Add(Engine.NowTicks);
        foreach (var tallies in _tallies.All)
        {
            tallies.OnTime.Add(0);
            tallies.Late.Add(0);
        }
    }

    /// <summary>Per tracked message: subscribers reached within the TTL, and after it.</summary>
    public IReadOnlyList<(int OnTime, int Late)> Deliveries
    {
        get
        {
            var deliveries = new (int OnTime, int Late)[_publishedAt.Count];
            foreach (var tallies in _tallies.All)
            {
                for (var i = 0; i < tallies.OnTime.Count; i++)
                    deliveries[i] = (deliveries[i].OnTime + tallies.OnTime[i], deliveries[i].Late + tallies.Late[i]);
            }
            return deliveries;
        }
    }

    internal void OnDelivered(int node, PubsubMessage message)
    {
        if (IsBootstrap(node) || !_tracked.TryGetValue(message.Id, out var i)) return;
        var tallies = _tallies.Current;
        if (Engine.NowTicks - _publishedAt[i] <= Settings.MessageTtl.Ticks)
        {
            tallies.OnTime[i]++;
            tallies.OnTimeTotal++;
        }
        else tallies.Late[i]++;
    }

    /// <summary>
    /// True once <paramref name="messages"/> messages are tracked and each has reached
    /// <paramref name="subscribers"/> subscribers within its TTL: nothing that happens later can
    /// change a routing verdict. Read between the engine's windows (a stop predicate).
    /// </summary>
    internal bool EveryMessageOnTime(int messages, int subscribers)
    {
        if (_publishedAt.Count < messages) return false;
        long total = 0;
        foreach (var tallies in _tallies.All) total += tallies.OnTimeTotal;
        // The sum is a cheap first test; each message is checked only once it could hold.
        return total >= (long)messages * subscribers && Deliveries.All(d => d.OnTime >= subscribers);
    }

    internal void OnBootstrapConnected(int node)
    {
        if (BootstrapConnectedAt[node] < 0) BootstrapConnectedAt[node] = Engine.NowTicks;
    }

    /// <summary>Bootstrap <paramref name="bootstrap"/> refused a connection at its hard watermark.</summary>
    internal void OnRefused(int bootstrap)
    {
        _tallies.Current.Refusals++;
        NoteBreach(bootstrap);
    }

    internal void OnReset(int node) => _tallies.Current.Resets++;

    /// <summary>Connections peers saw drop because the other end crashed.</summary>
    public long CrashClosures => _tallies.All.Sum(t => t.CrashClosures);

    /// <summary>Peer <paramref name="peer"/> sees its connection to <paramref name="crashed"/> drop one link latency from now, unless it went down itself meanwhile.</summary>
    internal void ScheduleCrashClose(int crashed, int peer) =>
        Engine.Schedule(Engine.NowTicks + Settings.Latency.Ticks, peer, _crashClose, null, peer, crashed, (int)Math.Min(Settings.Latency.Ticks, int.MaxValue));

    internal void OnAdmitted(int node, MeshNode mesh)
    {
        if (!IsBootstrap(node)) return;
        var count = mesh.Connections.Count;
        if (count > BootstrapPeak[node]) BootstrapPeak[node] = count;
        if (count > mesh.Connections.Options.HighWater) NoteBreach(node);
    }

    internal void OnHeartbeat(int node, MeshNode mesh)
    {
        if (IsBootstrap(node))
        {
            if (mesh.Connections.Count > BootstrapPeak[node]) BootstrapPeak[node] = mesh.Connections.Count;
            return;
        }
        if (MeshBuiltAt[node] < 0 && BootstrapConnectedAt[node] >= 0 && mesh.Router.MeshPeers(Topic).Count >= mesh.Profile.Gossip.Dlo)
        {
            MeshBuiltAt[node] = Engine.NowTicks;
        }
    }

    internal void OnRpc(int from, int to, PubsubRpc rpc)
    {
        // Runs for every copy of every message: indexed loops (a foreach over an IReadOnlyList boxes an enumerator).
        var subscriptions = rpc.Subscriptions;
        for (var i = 0; i < subscriptions.Count; i++)
        {
            if (!subscriptions[i].Subscribe)
            {
                var unsubscribes = _tallies.Current.Unsubscribes;
                unsubscribes[from] = unsubscribes.GetValueOrDefault(from) + 1;
            }
        }
        // Bootstraps on several threads may see the same peer's GRAFT: the earliest time stays.
        if (rpc.Graft.Count > 0 && IsBootstrap(to)) KeepEarliest(ref GraftAt[from], Engine.NowTicks);
        // A bootstrap prunes with PX on; the record list is empty only while it knows no one else.
        if (rpc.Prune.Count > 0 && IsBootstrap(from) && PeerExchangeAt[to] < 0) PeerExchangeAt[to] = Engine.NowTicks;
    }

    /// <summary>Messages relays could not queue (uplink backlog past the bound), and the longest relay backlog seen.</summary>
    public (long Dropped, TimeSpan LongestBacklog) RelayQueue =>
        (_tallies.All.Sum(t => t.RelayDrops), _tallies.All.Max(t => t.LongestRelayBacklog));

    /// <summary>Messages light peers could not queue.</summary>
    public long LightQueueDrops => _tallies.All.Sum(t => t.LightQueueDrops);

    /// <summary>Per peer that announced leaving the topic: how many times (a count per peer that received the announcement).</summary>
    public IReadOnlyDictionary<int, int> Unsubscribes
    {
        get
        {
            var total = new Dictionary<int, int>();
            foreach (var tallies in _tallies.All)
            {
                foreach (var (peer, count) in tallies.Unsubscribes) total[peer] = total.GetValueOrDefault(peer) + count;
            }
            return total;
        }
    }

    internal void OnSendResult(int from, SendResult result)
    {
        var nodeClass = Network.ClassOf(from);
        if (nodeClass == NodeClass.Relay)
        {
            var tallies = _tallies.Current;
            if (result == SendResult.QueueFull) tallies.RelayDrops++;
            var backlog = Network.UplinkBacklog(from);
            if (backlog > tallies.LongestRelayBacklog) tallies.LongestRelayBacklog = backlog;
        }
        else if (nodeClass == NodeClass.Light && result == SendResult.QueueFull)
        {
            _tallies.Current.LightQueueDrops++;
        }
    }

    internal void OnSend(int from, int to, PubsubRpc rpc, int size)
    {
        if (!IsBootstrap(from) || rpc.Prune.Count == 0) return;
        var tallies = _tallies.Current;
        tallies.PruneCount++;
        tallies.PruneBytes += size;
        if (size > tallies.LargestPrune) tallies.LargestPrune = size;
    }

    private static void KeepEarliest(ref long slot, long ticks)
    {
        var seen = Volatile.Read(ref slot);
        while (seen < 0 || ticks < seen)
        {
            var previous = Interlocked.CompareExchange(ref slot, ticks, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    /// <summary>Called from the bootstrap's own events, so its connection table is read on its thread.</summary>
    private void NoteBreach(int bootstrap)
    {
        _tallies.Current.WatermarkBreaches++;
        var at = Engine.NowTicks;
        lock (_breachLock)
        {
            if (_firstBreach is { } first && (first.At, first.Bootstrap).CompareTo((at, bootstrap)) <= 0) return;
        }
        if (NodeAt(bootstrap).Node is not { } mesh) return;
        var now = Engine.Clock.GetUtcNow().UtcTicks;
        var options = mesh.Connections.Options;
        var dead = 0;
        var open = 0;
        foreach (var info in mesh.Connections.Connections)
        {
            open++;
            if (info.Streams == 0 && now - info.LastActivity > options.SilencePeriod.Ticks && now - info.OpenedAt >= options.GracePeriod.Ticks) dead++;
        }
        lock (_breachLock)
        {
            if (_firstBreach is not { } first || (at, bootstrap).CompareTo((first.At, first.Bootstrap)) < 0) _firstBreach = (at, bootstrap, open, dead);
        }
    }

    private static long[] Filled(int count)
    {
        var array = new long[count];
        Array.Fill(array, -1L);
        return array;
    }

    /// <summary>One partition's tallies.</summary>
    private sealed class Tallies
    {
        public List<int> OnTime { get; } = [];

        public List<int> Late { get; } = [];

        public long OnTimeTotal;

        public Dictionary<int, int> Unsubscribes { get; } = [];

        public long Refusals;
        public long WatermarkBreaches;
        public long Resets;
        public long CrashClosures;
        public long PruneCount;
        public long PruneBytes;
        public int LargestPrune;
        public long RelayDrops;
        public TimeSpan LongestRelayBacklog;
        public long LightQueueDrops;
    }

    /// <summary>A crashed peer's connection drops at the other end: an event on that end's lane (A peer, B crashed, C latency).</summary>
    private sealed class CrashClose(MeshPopulation population) : ISimulationEventHandler
    {
        public void Handle(in SimulationEvent simulationEvent)
        {
            var peer = simulationEvent.A;
            if (!population.Network.IsOnline(peer) || population.Network.CrashedSince(peer, simulationEvent.Time - simulationEvent.C)) return;
            population._tallies.Current.CrashClosures++;
            population.NodeAt(peer).PeerCrashed(simulationEvent.B);
        }
    }
}
