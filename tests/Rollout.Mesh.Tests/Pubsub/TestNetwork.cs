using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;
using Rollout.Mesh.Roles;
using Rollout.Mesh.Transport;
using Rollout.TestSupport;

namespace Rollout.Mesh.Tests.Pubsub;

/// <summary>
/// A tiny in-test network of real routers: RPCs queue up and are delivered in order by <see cref="Run"/>,
/// dials requested through PX are honoured, and a test may drop RPCs on chosen links.
/// </summary>
internal sealed class TestNetwork
{
    private readonly Queue<Action> _pending = new();
    private readonly HashSet<(PeerId, PeerId)> _links = [];
    // Each end's handle on a connection, keyed (holder, remote), as the holder's handler returned it.
    private readonly Dictionary<(PeerId, PeerId), PeerLink> _handles = [];
    private int _nextKey;

    public TestNetwork(int seed = 1)
    {
        Random = new Random(seed);
    }

    public ManualTimeProvider Time { get; } = new();

    public Random Random { get; }

    public Dictionary<PeerId, TestNode> Nodes { get; } = [];

    /// <summary>Every RPC that was delivered (after drops).</summary>
    public List<(PeerId From, PeerId To, PubsubRpc Rpc)> Delivered { get; } = [];

    /// <summary>Return true to lose an RPC on its way.</summary>
    public Func<PeerId, PeerId, PubsubRpc, bool>? Drop { get; set; }

    public TestNode Add(GossipSubOptions? options = null, IReadOnlySet<PeerId>? allowList = null, Func<PubsubMessage, bool>? validator = null)
    {
        var seed = new byte[32];
        BitConverter.TryWriteBytes(seed, ++_nextKey);
        var key = Ed25519KeyPair.FromSeed(seed);
        var node = new TestNode(this, key);
        node.Router = new GossipSubRouter(key.PeerId, options ?? new GossipSubOptions(), node, Time, Random, allowList, validator);
        node.Handler = node.Router;
        Nodes.Add(key.PeerId, node);
        return node;
    }

    /// <summary>Adds a <see cref="MeshNode"/> of a role: connection manager in front of the router.</summary>
    public TestNode AddMeshNode(RoleProfile profile, BootstrapPeers? bootstraps = null)
    {
        var seed = new byte[32];
        BitConverter.TryWriteBytes(seed, ++_nextKey);
        var node = new TestNode(this, Ed25519KeyPair.FromSeed(seed));
        var mesh = new MeshNode(node.Key, profile, node, Time, Random, bootstraps);
        node.Mesh = mesh;
        node.Router = mesh.Router;
        node.Handler = mesh;
        Nodes.Add(node.Id, node);
        return node;
    }

    /// <summary>Registers a node whose handler is not a router (for hand-written RPCs).</summary>
    public TestNode AddSilent()
    {
        var seed = new byte[32];
        BitConverter.TryWriteBytes(seed, ++_nextKey);
        var node = new TestNode(this, Ed25519KeyPair.FromSeed(seed));
        Nodes.Add(node.Id, node);
        return node;
    }

    /// <summary><paramref name="dialer"/> dials <paramref name="listener"/>.</summary>
    public void Connect(TestNode dialer, TestNode listener)
    {
        if (!_links.Add((dialer.Id, listener.Id))) return;
        _links.Add((listener.Id, dialer.Id));
        Hold(dialer, listener, dialer.Handler?.OnConnected(listener.Id, ConnectionDirection.Outbound, listener.Record));
        Hold(listener, dialer, listener.Handler?.OnConnected(dialer.Id, ConnectionDirection.Inbound, dialer.Record));
        Run();
    }

    public void Disconnect(PeerId a, PeerId b)
    {
        if (!_links.Remove((a, b))) return;
        _links.Remove((b, a));
        _handles.Remove((a, b));
        _handles.Remove((b, a));
        Nodes[a].Handler?.OnDisconnected(b);
        Nodes[b].Handler?.OnDisconnected(a);
    }

    public bool Connected(PeerId a, PeerId b) => _links.Contains((a, b));

    // Kept only while the connection stands: a handler that refused it already disconnected it.
    private void Hold(TestNode holder, TestNode remote, PeerLink? link)
    {
        if (link is not null && _links.Contains((holder.Id, remote.Id))) _handles[(holder.Id, remote.Id)] = link;
    }

    public void Send(PeerId from, PeerId to, PubsubRpc rpc) => _pending.Enqueue(() =>
    {
        if (!_links.Contains((from, to))) return;
        if (Drop?.Invoke(from, to, rpc) == true) return;
        Delivered.Add((from, to, rpc));
        if (_handles.TryGetValue((to, from), out var link)) Nodes[to].Handler?.OnReceived(link, rpc);
        if (Nodes[to].Handler is null) Nodes[to].Inbox.Add((from, rpc));
    });

    public void Dial(PeerId from, SignedPeerRecord record) => _pending.Enqueue(() =>
    {
        if (Nodes.TryGetValue(record.PeerId, out var target)) Connect(Nodes[from], target);
    });

    /// <summary>Delivers everything queued, including what deliveries cause.</summary>
    public void Run()
    {
        var steps = 0;
        while (_pending.TryDequeue(out var next))
        {
            next();
            if (++steps > 1_000_000) throw new InvalidOperationException("network did not settle");
        }
    }

    /// <summary>Advances time by one heartbeat interval and runs every router's heartbeat, <paramref name="count"/> times.</summary>
    public void Heartbeats(int count, TimeSpan? interval = null)
    {
        for (var i = 0; i < count; i++)
        {
            Time.Advance(interval ?? TimeSpan.FromSeconds(1));
            foreach (var node in Nodes.Values.ToArray())
            {
                if (node.Mesh is not null) node.Mesh.Heartbeat();
                else node.Router?.Heartbeat();
            }
            Run();
        }
    }

    /// <summary>Connects every pair of the given nodes.</summary>
    public void ConnectAll(IReadOnlyList<TestNode> nodes)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            for (var j = i + 1; j < nodes.Count; j++) Connect(nodes[i], nodes[j]);
        }
    }
}
