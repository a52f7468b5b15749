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
/// The node owns <see cref="MeshTag"/>: it reads whether a peer carries it to decide whether to set
/// or clear it, so nothing else may set or clear that tag.
/// Not thread-safe: the host owns it.
/// </summary>
public sealed class MeshNode : IPeerNetworkHandler<PubsubRpc>
{
    /// <summary>Connection manager tag of mesh peers.</summary>
    public const string MeshTag = "pubsub-mesh";

    /// <summary>Tag value of a mesh peer in the connection manager.</summary>
    public const int MeshTagValue = 20;

    private readonly IPeerNetwork<PubsubRpc> _network;
    // Router links whose mesh membership flipped since the last heartbeat (one may be listed twice).
    private readonly List<PeerLink> _meshChanged = [];

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
        Router = new GossipSubRouter(key.PeerId, profile.Gossip, network, time, random, bootstraps?.AllowList, validator)
        {
            MeshMembershipChanged = _meshChanged.Add,
        };
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
        if (!Connections.TryAdmit(peer, direction, out var connection))
        {
            _network.Disconnect(peer);
            return null;
        }
        // The router's own link: a message reaches its per-peer state without a wrapper, and the
        // connection reads its activity from the link rather than being written for every message.
        var link = Router.OnConnected(peer, direction, record);
        connection.Link = link;
        return link;
    }

    /// <inheritdoc/>
    public void OnDisconnected(PeerId peer)
    {
        Connections.Closed(peer);
        Router.OnDisconnected(peer);
    }

    /// <summary>
    /// Hands the RPC to the router, and does nothing else: a connection reads its activity from the
    /// link. A host that delivers many RPCs may therefore call <see cref="Router"/> directly (the
    /// simulator's adapter does, so a copy does not load this object first).
    /// </summary>
    public void OnReceived(PeerLink link, PubsubRpc message) => Router.OnReceived(link, message);

    /// <summary>Runs the router's heartbeat, re-tags mesh peers and disconnects what the connection manager trims.</summary>
    public void Heartbeat()
    {
        Router.Heartbeat();
        // Only the links whose membership flipped: every other open link's tag matches already.
        foreach (var link in _meshChanged)
        {
            if (!link.IsOpen || !Connections.IsConnected(link.Peer)) continue;
            var inMesh = Router.IsMeshPeer(link);
            if (inMesh == Connections.GetTag(link.Peer, MeshTag).HasValue) continue;
            if (inMesh) Connections.TagPeer(link.Peer, MeshTag, MeshTagValue);
            else Connections.UntagPeer(link.Peer, MeshTag);
        }
        _meshChanged.Clear();
        SparseTables.Trim(_meshChanged);
        // Indexed: a foreach over the IReadOnlyList would box an enumerator every heartbeat.
        var trimmed = Connections.Trim();
        for (var i = 0; i < trimmed.Count; i++)
        {
            _network.Disconnect(trimmed[i]);
            Router.OnDisconnected(trimmed[i]);
        }
    }
}
