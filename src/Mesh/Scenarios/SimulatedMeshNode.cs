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

    // Wire messages are immutable, so the last one made can be reused by whichever node sends the same RPC next (one engine per thread).
    [ThreadStatic]
    private static MeshWire? _lastWire;

    private readonly MeshPopulation _host;
    private readonly int _self;
    private readonly RoleProfile _profile;
    private readonly HashSet<int> _links = [];
    private List<int>? _pending;
    private MeshNode? _node;
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
        _node = new MeshNode(_host.Keys[_self], _profile, this, context.Clock, _host.Random, _host.BootstrapList);
        var router = _node.Router;
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
        var peer = _host.Ids[from];
        switch (message.Kind)
        {
            case MeshWireKind.Dial:
                if (_links.Remove(from))
                {
                    // The peer dials again over a link we hold: it restarted and lost its state.
                    _host.OnReset(_self);
                    _node.OnDisconnected(peer);
                }
                _links.Add(from);
                _node.OnConnected(peer, ConnectionDirection.Inbound, message.Record);
                // A refusal already removed the link and sent a close.
                if (_links.Contains(from)) _host.Network.Send(_self, from, _host.AcceptOf(_self), _host.AcceptOf(_self).Size);
                _host.OnAdmitted(_self, _node);
                return;
            case MeshWireKind.Accept:
                if (!RemovePending(from) || _links.Contains(from)) return;
                Connected(from, peer, message.Record);
                return;
            case MeshWireKind.Close:
                if (RemovePending(from))
                {
                    if (_host.IsBootstrap(from)) _host.OnRefused(_self, from);
                    if (from == _lastBootstrap && _links.Count == 0) context.SetTimer(_profile.Gossip.HeartbeatInterval, RetryTimer);
                    return;
                }
                if (!_links.Remove(from)) return;
                _node.OnDisconnected(peer);
                return;
            default:
                if (!_links.Contains(from))
                {
                    // The hello can overtake the accept only when the dial was admitted: treat it as the accept.
                    if (RemovePending(from)) Connected(from, peer, _host.Records[from]);
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
                _node.OnReceived(peer, message.Rpc!);
                return;
        }
    }

    /// <inheritdoc/>
    public void OnCrash()
    {
        // A crashed process's sockets are closed by its operating system: each peer sees the
        // connection drop one link latency later (unless it went offline itself meanwhile).
        foreach (var peer in _links) _host.ScheduleCrashClose(_self, peer);
        _node = null;
        _links.Clear();
        _pending = null;
    }

    /// <inheritdoc/>
    public void Send(PeerId peer, PubsubRpc message)
    {
        var to = _host.IndexOf(peer);
        if (to < 0 || !_links.Contains(to)) return;
        // A forwarded message is one shared RPC sent to every mesh peer in turn: one wire for the run of them.
        var wire = _lastWire;
        if (wire is null || !ReferenceEquals(wire.Rpc, message)) _lastWire = wire = new MeshWire(MeshWireKind.Rpc, null, message);
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

    private void Connected(int from, PeerId peer, SignedPeerRecord? record)
    {
        _links.Add(from);
        _node!.OnConnected(peer, ConnectionDirection.Outbound, record);
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
}
