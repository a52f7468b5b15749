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
/// Probes are arrays indexed by node id, so they cost 24 bytes per peer.
/// </summary>
public sealed class MeshPopulation
{
    private readonly Dictionary<PeerId, int> _index;
    private readonly MeshWire[] _dials;
    private readonly MeshWire[] _accepts;
    private readonly int[] _bootstrapStart;
    private readonly Dictionary<MessageId, int> _tracked = [];
    private readonly List<long> _publishedAt = [];
    private readonly List<int> _onTime = [];
    private readonly List<int> _late = [];

    /// <summary>Builds the population (keys, records, nodes); nothing runs until a scenario schedules it.</summary>
    public MeshPopulation(ScenarioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        var count = settings.Bootstraps + settings.Relays + settings.Peers;
        Engine = new SimulationEngine(settings.Seed, initialQueueCapacity: Math.Max(1024, count * 4));
        var jitter = TimeSpan.FromTicks(settings.Latency.Ticks / 4);
        Network = new SimulatedNetwork<MeshWire>(Engine, new LinkTable(new LinkProfile(settings.Latency, jitter, settings.Loss)), count);
        Network.SetClassProfile(NodeClass.Bootstrap, new NodeClassProfile(settings.BootstrapUplink, 256L << 20));
        Network.SetClassProfile(NodeClass.Relay, new NodeClassProfile(settings.RelayUplink, settings.RelayQueueLimit));
        Network.SetClassProfile(NodeClass.Light, new NodeClassProfile(settings.LightUplink, settings.LightQueueLimit));
        // One seeded System.Random for every router (the protocol's peer selection), one stream for keys.
        Random = new Random(unchecked((int)Xoshiro256StarStar.DeriveSeed(settings.Seed, "mesh.routers")));
        var keyRandom = new Random(unchecked((int)Xoshiro256StarStar.DeriveSeed(settings.Seed, "mesh.keys")));
        Keys = new Ed25519KeyPair[count];
        Ids = new PeerId[count];
        Records = new SignedPeerRecord[count];
        _dials = new MeshWire[count];
        _accepts = new MeshWire[count];
        _index = new Dictionary<PeerId, int>(count);
        for (var i = 0; i < count; i++)
        {
            Keys[i] = Ed25519KeyPair.Generate(keyRandom);
            Ids[i] = Keys[i].PeerId;
            Records[i] = SignedPeerRecord.Create(Keys[i], 1, [$"/sim/{i}"]);
            _index.Add(Ids[i], i);
        }
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

    /// <summary>The routers' shared seeded random source.</summary>
    public Random Random { get; }

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
    public long Refusals { get; private set; }

    /// <summary>Times a bootstrap's connection count exceeded its high watermark, or a connection was refused at it.</summary>
    public long WatermarkBreaches { get; private set; }

    /// <summary>At the first breach: open connections on that bootstrap, and how many were dead (no streams, silent past the silence period, past the grace period).</summary>
    public (int Open, int DeadPastGrace)? FirstBreach { get; private set; }

    /// <summary>PRUNE-carrying RPCs bootstraps sent, their bytes and the largest.</summary>
    public (long Count, long Bytes, int Largest) BootstrapPrunes { get; private set; }

    /// <summary>RPCs that arrived on a link the receiver did not know (it had restarted) and were reset.</summary>
    public long Resets { get; private set; }

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
        _tracked[message.Id] = _publishedAt.Count;
        _publishedAt.Add(Engine.NowTicks);
        _onTime.Add(0);
        _late.Add(0);
    }

    /// <summary>Per tracked message: subscribers reached within the TTL, and after it.</summary>
    public IReadOnlyList<(int OnTime, int Late)> Deliveries => [.. _onTime.Zip(_late)];

    internal void OnDelivered(int node, PubsubMessage message)
    {
        if (IsBootstrap(node) || !_tracked.TryGetValue(message.Id, out var i)) return;
        if (Engine.NowTicks - _publishedAt[i] <= Settings.MessageTtl.Ticks) _onTime[i]++;
        else _late[i]++;
    }

    internal void OnBootstrapConnected(int node)
    {
        if (BootstrapConnectedAt[node] < 0) BootstrapConnectedAt[node] = Engine.NowTicks;
    }

    internal void OnRefused(int node, int bootstrap)
    {
        Refusals++;
        NoteBreach(bootstrap);
    }

    internal void OnReset(int node) => Resets++;

    /// <summary>Connections peers saw drop because the other end crashed.</summary>
    public long CrashClosures { get; private set; }

    internal void ScheduleCrashClose(int crashed, int peer)
    {
        var incarnation = Network.IncarnationOf(peer);
        Engine.ScheduleAfter(Settings.Latency, () =>
        {
            if (!Network.IsOnline(peer) || Network.IncarnationOf(peer) != incarnation) return;
            CrashClosures++;
            NodeAt(peer).PeerCrashed(crashed);
        });
    }

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
            if (!subscriptions[i].Subscribe) Unsubscribes[from] = Unsubscribes.GetValueOrDefault(from) + 1;
        }
        if (rpc.Graft.Count > 0 && IsBootstrap(to) && GraftAt[from] < 0) GraftAt[from] = Engine.NowTicks;
        // A bootstrap prunes with PX on; the record list is empty only while it knows no one else.
        if (rpc.Prune.Count > 0 && IsBootstrap(from) && PeerExchangeAt[to] < 0) PeerExchangeAt[to] = Engine.NowTicks;
    }

    /// <summary>Messages relays could not queue (uplink backlog past the bound), and the longest relay backlog seen.</summary>
    public (long Dropped, TimeSpan LongestBacklog) RelayQueue { get; private set; }

    /// <summary>Messages light peers could not queue.</summary>
    public long LightQueueDrops { get; private set; }

    /// <summary>Per peer that announced leaving the topic: how many times.</summary>
    public Dictionary<int, int> Unsubscribes { get; } = [];

    internal void OnSendResult(int from, SendResult result)
    {
        var nodeClass = Network.ClassOf(from);
        if (nodeClass == NodeClass.Relay)
        {
            var (dropped, longest) = RelayQueue;
            var backlog = Network.UplinkBacklog(from);
            RelayQueue = (dropped + (result == SendResult.QueueFull ? 1 : 0), backlog > longest ? backlog : longest);
        }
        else if (nodeClass == NodeClass.Light && result == SendResult.QueueFull)
        {
            LightQueueDrops++;
        }
    }

    internal void OnSend(int from, int to, PubsubRpc rpc, int size)
    {
        if (!IsBootstrap(from) || rpc.Prune.Count == 0) return;
        var (count, bytes, largest) = BootstrapPrunes;
        BootstrapPrunes = (count + 1, bytes + size, Math.Max(largest, size));
    }

    private void NoteBreach(int bootstrap)
    {
        WatermarkBreaches++;
        if (FirstBreach is not null || NodeAt(bootstrap).Node is not { } mesh) return;
        var now = Engine.Clock.GetUtcNow().UtcTicks;
        var options = mesh.Connections.Options;
        var dead = 0;
        var open = 0;
        foreach (var info in mesh.Connections.Connections)
        {
            open++;
            if (info.Streams == 0 && now - info.LastActivity > options.SilencePeriod.Ticks && now - info.OpenedAt >= options.GracePeriod.Ticks) dead++;
        }
        FirstBreach = (open, dead);
    }

    private static long[] Filled(int count)
    {
        var array = new long[count];
        Array.Fill(array, -1L);
        return array;
    }
}
