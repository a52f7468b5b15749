using System.Runtime.CompilerServices;
using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;
using Rollout.Mesh.Roles;
using Rollout.Mesh.Simulation;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// The adapter between the protocol and the simulator: one <see cref="MeshNode"/> (router behind a
/// connection manager) as an <see cref="ISimulatedNode{TMessage}"/>. Connections are a three-message
/// handshake on the simulated wire (dial, accept or close); the heartbeat is a context timer every
/// <see cref="GossipSubOptions.HeartbeatInterval"/>. State per peer: the node, its open links and
/// pending dials (small lists, most peers hold about ten), and the host's probe arrays.
/// </summary>
public sealed class SimulatedMeshNode : ISimulatedNode<MeshWire>, IPeerNetwork<PubsubRpc>
{
    private const int HeartbeatTimer = 0;
    private const int RetryTimer = 1;

    // Slots in each thread's table of RPC wires (see WireOf).
    private const int WireSlots = 1024;

    [ThreadStatic]
    private static MeshWire?[]? t_wires;

    private readonly MeshPopulation _host;
    private readonly int _self;
    private readonly RoleProfile _profile;
    // A struct held in place: a copy reaches the link arrays without first loading a separate set object.
    private LinkSet _links = new();
    private List<int>? _pending;
    private MeshNode? _node;
    // The node's router, held here too: an RPC reaches it without loading the node object first.
    private GossipSubRouter? _router;
    private Random? _random;
    private int _bootstrapAttempts;
    private int _lastBootstrap = -1;
    private bool _thrashLeft;

    /// <summary>Creates the adapter of node <paramref name="self"/> in <paramref name="host"/>.</summary>
    public SimulatedMeshNode(MeshPopulation host, int self, RoleProfile profile)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(profile);
        _host = host;
        _self = self;
        _profile = profile;
    }

    /// <summary>The protocol node, while online.</summary>
    public MeshNode? Node => _node;

    /// <summary>Open connections.</summary>
    public int LinkCount => _links.Count;

    /// <summary>A deliberately thrashing peer: leaves and rejoins the topic on alternate heartbeats.</summary>
    public bool Thrash { get; set; }

    /// <inheritdoc/>
    public void OnStart(SimulatedNodeContext<MeshWire> context)
    {
        _links.Clear();
        _pending = null;
        _bootstrapAttempts = 0;
        // The router's random stream lives as long as the adapter: a restart continues it.
        _node = new MeshNode(_host.Keys[_self], _profile, this, context.Clock, _random ??= _host.RouterRandom(_self), _host.BootstrapList);
        var router = _router = _node.Router;
        router.Delivered = message => _host.OnDelivered(_self, message);
        router.Join(_host.Topic);
        var nodeClass = _host.Network.ClassOf(_self);
        if (nodeClass != NodeClass.Bootstrap)
        {
            // Relays dial every bootstrap, light peers a few: each bootstrap's PX only knows its own
            // visitors, so peers that visit two bootstraps are what joins their populations into one mesh.
            var dials = nodeClass == NodeClass.Relay ? context.Bootstraps.Count : Math.Min(_host.Settings.BootstrapsPerPeer, context.Bootstraps.Count);
            for (var k = 0; k < dials; k++) DialBootstrap();
        }
        // The heartbeat's phase against the first dial is random: a node's timer does not start in
        // lockstep with its connections, so a peer may wait up to a whole interval to GRAFT.
        var phase = TimeSpan.FromTicks((long)context.Random.NextBelow((ulong)_profile.Gossip.HeartbeatInterval.Ticks));
        context.SetTimer(_profile.Gossip.HeartbeatInitialDelay + phase, HeartbeatTimer);
    }

    /// <inheritdoc/>
    public void OnTimer(SimulatedNodeContext<MeshWire> context, int tag)
    {
        if (_node is null) return;
        if (tag == RetryTimer)
        {
            if (_links.Count == 0) DialBootstrap();
            return;
        }
        if (Thrash)
        {
            if (_thrashLeft) _node.Router.Join(_host.Topic);
            else _node.Router.Leave(_host.Topic);
            _thrashLeft = !_thrashLeft;
        }
        _node.Heartbeat();
        _host.OnHeartbeat(_self, _node);
        context.SetTimer(_profile.Gossip.HeartbeatInterval, HeartbeatTimer);
    }

    /// <inheritdoc/>
    public void OnMessage(SimulatedNodeContext<MeshWire> context, int from, MeshWire message)
    {
        if (_node is null) return;
        switch (message.Kind)
        {
            case MeshWireKind.Dial:
                var dialer = _host.Ids[from];
                if (_links.Remove(from))
                {
                    // The peer dials again over a link we hold: it restarted and lost its state.
                    _host.OnReset(_self);
                    _node.OnDisconnected(dialer);
                }
                // Held before the node sees it: a refusal removes it again (and sends a close) from inside OnConnected.
                _links.Add(from, dialer);
                var link = _node.OnConnected(dialer, ConnectionDirection.Inbound, message.Record);
                if (_links.SetLink(from, link)) _host.Network.Send(_self, from, _host.AcceptOf(_self), _host.AcceptOf(_self).Size);
                else if (_host.IsBootstrap(_self)) _host.OnRefused(_self);
                _host.OnAdmitted(_self, _node);
                return;
            case MeshWireKind.Accept:
                if (!RemovePending(from) || _links.Contains(from)) return;
                Connected(from, message.Record);
                return;
            case MeshWireKind.Close:
                if (RemovePending(from))
                {
                    if (from == _lastBootstrap && _links.Count == 0) context.SetTimer(_profile.Gossip.HeartbeatInterval, RetryTimer);
                    return;
                }
                if (!_links.Remove(from)) return;
                _node.OnDisconnected(_host.Ids[from]);
                return;
            default:
                var open = _links.LinkOf(from);
                if (open is null && !_links.Contains(from))
                {
                    // The hello can overtake the accept only when the dial was admitted: treat it as the accept.
                    if (RemovePending(from))
                    {
                        Connected(from, _host.Records[from]);
                        open = _links.LinkOf(from);
                    }
                    else
                    {
                        // An RPC on a link we do not know: reset it, as a transport would. After a
                        // restart that is the sender's stale link to our former self.
                        if (context.Network.IncarnationOf(_self) > 0) _host.OnReset(_self);
                        _host.Network.Send(_self, from, MeshWire.Close, MeshWire.Close.Size);
                        return;
                    }
                }
                _host.OnRpc(from, _self, message.Rpc!);
                // The node's own link for the connection: the copy reaches its per-peer state without a lookup by peer ID.
                if (open is not null) _router!.OnReceived(open, message.Rpc!);
                return;
        }
    }

    /// <inheritdoc/>
    public void OnCrash()
    {
        // A crashed process's sockets are closed by its operating system: each peer sees the
        // connection drop one link latency later (unless it went offline itself meanwhile).
        for (var i = 0; i < _links.Count; i++) _host.ScheduleCrashClose(_self, _links.IdAt(i));
        _node = null;
        _router = null;
        _links.Clear();
        _pending = null;
    }

    /// <inheritdoc/>
    public void Send(PeerId peer, PubsubRpc message)
    {
        // Most sends go to a handful of links, found by reference without the population's peer table.
        var to = _links.Find(peer);
        if (to == LinkSet.NotIndexed)
        {
            to = _host.IndexOf(peer);
            if (!_links.Contains(to)) return;
        }
        if (to < 0) return;
        var wire = WireOf(message);
        var size = wire.Size;
        _host.OnSend(_self, to, message, size);
        _host.OnSendResult(_self, _host.Network.Send(_self, to, wire, size));
    }

    /// <inheritdoc/>
    public void Connect(SignedPeerRecord record)
    {
        var to = _host.IndexOf(record.PeerId);
        if (to < 0 || to == _self || _links.Contains(to) || (_pending?.Contains(to) ?? false)) return;
        (_pending ??= []).Add(to);
        var dial = _host.DialOf(_self);
        _host.Network.Send(_self, to, dial, dial.Size);
    }

    /// <inheritdoc/>
    public void Disconnect(PeerId peer)
    {
        var to = _host.IndexOf(peer);
        if (to < 0 || !_links.Remove(to)) return;
        _host.Network.Send(_self, to, MeshWire.Close, MeshWire.Close.Size);
    }

    /// <summary>The connection to <paramref name="peer"/> dropped because it crashed.</summary>
    internal void PeerCrashed(int peer)
    {
        if (_node is null || !_links.Remove(peer)) return;
        _node.OnDisconnected(_host.Ids[peer]);
    }

    /// <summary>
    /// The wire carrying <paramref name="rpc"/>. Wires are immutable, so one serves every send of the
    /// same RPC: a table per thread, direct-mapped by the RPC's identity, keeps the wire last made for
    /// each slot. A forwarded message is one RPC shared by every router (<see cref="PubsubMessage.Alone"/>),
    /// so it crosses the whole network in one wire instead of one new wire per forwarding router (at
    /// 100,000 peers, 10⁸ wires a run). A slot another RPC took over costs a new wire, nothing else;
    /// the table keeps at most <see cref="WireSlots"/> wires (and their RPCs) alive per thread.
    /// </summary>
    private static MeshWire WireOf(PubsubRpc rpc)
    {
        ref var slot = ref (t_wires ??= new MeshWire?[WireSlots])[RuntimeHelpers.GetHashCode(rpc) & (WireSlots - 1)];
        var wire = slot;
        if (wire is null || !ReferenceEquals(wire.Rpc, rpc)) slot = wire = new MeshWire(MeshWireKind.Rpc, null, rpc);
        return wire;
    }

    private void Connected(int from, SignedPeerRecord? record)
    {
        var peer = _host.Ids[from];
        _links.Add(from, peer);
        _links.SetLink(from, _node!.OnConnected(peer, ConnectionDirection.Outbound, record));
        if (_host.IsBootstrap(from)) _host.OnBootstrapConnected(_self);
    }

    private bool RemovePending(int peer) => _pending is not null && _pending.Remove(peer);

    private void DialBootstrap()
    {
        var bootstraps = _host.Network.Bootstraps;
        if (bootstraps.Count == 0 || _bootstrapAttempts >= _host.Settings.BootstrapAttempts) return;
        // A random first bootstrap spreads the load; retries walk the list from there.
        var first = _host.BootstrapStart(_self);
        _lastBootstrap = bootstraps[(first + _bootstrapAttempts) % bootstraps.Count];
        _bootstrapAttempts++;
        Connect(_host.Records[_lastBootstrap]);
    }

    /// <summary>
    /// The open links: node id, peer ID and the node's link per connection, side by side in one array
    /// of entries. A light peer holds a few dozen, so a scan of the entries (by node id for a message
    /// received, by peer ID reference for one sent: the router hands back the instances it was given)
    /// beats a hash lookup in the population's table of every peer, and finding a connection and its
    /// link reads one array. Past <see cref="ScanLimit"/> (bootstraps, relays) an index by node id
    /// takes over and peers are found through the population's table.
    /// </summary>
    private struct LinkSet
    {
        /// <summary>Returned by <see cref="Find"/> when the set is too large to scan.</summary>
        public const int NotIndexed = -2;

        private const int ScanLimit = 128;

        private Entry[] _entries;
        private Dictionary<int, int>? _index;

        public LinkSet() => _entries = [];

        public int Count { get; private set; }

        public readonly int IdAt(int position) => _entries[position].Id;

        public readonly bool Contains(int id) => id >= 0 && PositionOf(id) >= 0;

        /// <summary>The node id of a linked peer, -1 when not linked, or <see cref="NotIndexed"/>.</summary>
        public readonly int Find(PeerId peer)
        {
            if (_index is not null) return NotIndexed;
            var entries = _entries.AsSpan(0, Count);
            foreach (ref readonly var entry in entries)
            {
                if (ReferenceEquals(entry.Peer, peer)) return entry.Id;
            }
            foreach (ref readonly var entry in entries)
            {
                if (entry.Peer.Equals(peer)) return entry.Id;
            }
            return -1;
        }

        /// <summary>The node's link for the connection to <paramref name="id"/>, null when not linked or not yet set.</summary>
        public readonly PeerLink? LinkOf(int id)
        {
            var at = PositionOf(id);
            return at < 0 ? null : _entries[at].Link;
        }

        /// <summary>Sets the node's link for the connection to <paramref name="id"/>; false when it is no longer linked (the node refused it).</summary>
        public readonly bool SetLink(int id, PeerLink? link)
        {
            var at = PositionOf(id);
            if (at < 0) return false;
            _entries[at].Link = link;
            return true;
        }

        public void Add(int id, PeerId peer)
        {
            if (PositionOf(id) >= 0) return;
            if (Count == _entries.Length) Array.Resize(ref _entries, Math.Max(4, _entries.Length * 2));
            _entries[Count] = new Entry { Id = id, Peer = peer };
            Count++;
            if (_index is not null) _index[id] = Count - 1;
            else if (Count > ScanLimit)
            {
                _index = new Dictionary<int, int>(Count * 2);
                for (var i = 0; i < Count; i++) _index[_entries[i].Id] = i;
            }
        }

        public bool Remove(int id)
        {
            var at = PositionOf(id);
            if (at < 0) return false;
            Count--;
            var last = _entries[Count].Id;
            _entries[at] = _entries[Count];
            _entries[Count] = default;
            if (_index is not null)
            {
                _index.Remove(id);
                if (at != Count) _index[last] = at;
            }
            return true;
        }

        public void Clear()
        {
            Array.Clear(_entries, 0, Count);
            Count = 0;
            _index = null;
        }

        private readonly int PositionOf(int id)
        {
            if (_index is not null) return _index.GetValueOrDefault(id, -1);
            var entries = _entries;
            for (var i = 0; i < Count; i++)
            {
                if (entries[i].Id == id) return i;
            }
            return -1;
        }

        private struct Entry
        {
            public PeerId Peer;
            public PeerLink? Link;
            public int Id;
        }
    }
}
