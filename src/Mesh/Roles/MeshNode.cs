using Rollout.Mesh.Collections;
using Rollout.Mesh.Connections;
using Rollout.Mesh.Identity;
using Rollout.Mesh.Pubsub;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Roles;

/// <summary>
/// One node of a role: a pubsub router behind a connection manager, on an <see cref="IPeerNetwork{TMessage}"/>.
/// Connection events pass the manager first (a bootstrap at its hard bound refuses and closes the
/// connection); every message counts as activity on its connection; the heartbeat runs
/// the router, tags mesh peers (so trims spare them, as go-libp2p-pubsub's tagging does) and trims.
/// The node owns <see cref="MeshTag"/>: it remembers per link whether it set it, so nothing else may set or clear that tag.
/// Not thread-safe: the host owns it.
/// </summary>
public sealed class MeshNode : IPeerNetworkHandler<PubsubRpc>
{
    /// <summary>Connection manager tag of mesh peers.</summary>
    public const string MeshTag = "pubsub-mesh";

    /// <summary>Tag value of a mesh peer in the connection manager.</summary>
    public const int MeshTagValue = 20;

    private readonly IPeerNetwork<PubsubRpc> _network;
    private readonly TimeProvider _time;
    // The links handed out, so the heartbeat re-tags through them; closed ones go at the next heartbeat.
    private readonly List<Link> _links = [];

    /// <summary>Creates a node of <paramref name="profile"/> for <paramref name="key"/>.</summary>
    public MeshNode(
        Ed25519KeyPair key,
        RoleProfile profile,
        IPeerNetwork<PubsubRpc> network,
        TimeProvider time,
        Random random,
        BootstrapPeers? bootstraps = null,
        Func<PubsubMessage, bool>? validator = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(time);
        Profile = profile;
        _network = network;
        _time = time;
        Router = new GossipSubRouter(key.PeerId, profile.Gossip, network, time, random, bootstraps?.AllowList, validator);
        Connections = new ConnectionManager(profile.Connections, time);
        bootstraps?.ProtectIn(Connections);
    }

    /// <summary>The role's settings.</summary>
    public RoleProfile Profile { get; }

    /// <summary>The pubsub router.</summary>
    public GossipSubRouter Router { get; }

    /// <summary>The connection manager.</summary>
    public ConnectionManager Connections { get; }

    /// <inheritdoc/>
    public PeerLink? OnConnected(PeerId peer, ConnectionDirection direction, SignedPeerRecord? record)
    {
        var open = Connections.Count;
        if (!Connections.TryAdmit(peer, direction, out var connection))
        {
            _network.Disconnect(peer);
            return null;
        }
        if (Router.OnConnected(peer, direction, record) is not { } router) return null;
        if (Connections.Count == open)
        {
            // A connection announced again: the same link, so one connection is never tagged through two.
            foreach (var held in _links)
            {
                if (held.Connection == connection && held.Router == router) return held;
            }
        }
        var link = new Link(router, connection);
        _links.Add(link);
        return link;
    }

    /// <inheritdoc/>
    public void OnDisconnected(PeerId peer)
    {
        Connections.Closed(peer);
        Router.OnDisconnected(peer);
    }

    /// <inheritdoc/>
    public void OnReceived(PeerLink link, PubsubRpc message)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link is not Link node) return;
        // Straight to the connection: the manager's tables are not needed to note activity.
        node.Connection.Touch(_time.GetUtcNow().UtcTicks);
        Router.OnReceived(node.Router, message);
    }

    /// <summary>Runs the router's heartbeat, re-tags mesh peers and disconnects what the connection manager trims.</summary>
    public void Heartbeat()
    {
        Router.Heartbeat();
        // Through the node's own links: a connection whose mesh membership did not change costs no
        // lookup, and links closed since the last heartbeat are dropped here.
        for (var i = _links.Count - 1; i >= 0; i--)
        {
            var link = _links[i];
            if (!link.IsOpen)
            {
                _links[i] = _links[^1];
                _links.RemoveAt(_links.Count - 1);
                continue;
            }
            var inMesh = Router.IsMeshPeer(link.Router);
            if (inMesh == link.MeshTagged) continue;
            if (inMesh) Connections.TagPeer(link.Peer, MeshTag, MeshTagValue);
            else Connections.UntagPeer(link.Peer, MeshTag);
            link.MeshTagged = inMesh;
        }
        SparseTables.Trim(_links);
        foreach (var peer in Connections.Trim())
        {
            _network.Disconnect(peer);
            Router.OnDisconnected(peer);
        }
    }

    /// <summary>A connection as this node holds it: the manager's entry and the router's link, each closed by its owner.</summary>
    private sealed class Link(PeerLink router, ConnectionInfo connection) : PeerLink(router.Peer)
    {
        public PeerLink Router { get; } = router;

        public ConnectionInfo Connection { get; } = connection;

        /// <summary>True once this node set <see cref="MeshTag"/> on the connection; a closed connection loses its tags with it.</summary>
        public bool MeshTagged { get; set; }

        public override bool IsOpen => Router.IsOpen && Connection.IsOpen;
    }
}
