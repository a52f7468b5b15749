using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Transport;

/// <summary>
/// A handler's handle on one open connection: <see cref="IPeerNetworkHandler{TMessage}.OnConnected"/>
/// returns it and the host hands it back with every message on that connection, so a message reaches
/// the handler's per-peer state without a lookup by peer ID (what a real transport's per-connection
/// context does). Only the handler that made a link may be given it; a link of a connection the
/// handler has since dropped is closed, and messages on it are ignored.
/// </summary>
public abstract class PeerLink
{
    /// <summary>Creates the link to <paramref name="peer"/>.</summary>
    protected PeerLink(PeerId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        Peer = peer;
        PeerHash = peer.GetHashCode();
    }

    /// <summary>The remote peer.</summary>
    public PeerId Peer { get; }

    /// <summary>
    /// <see cref="Peer"/>'s hash code, kept beside it: telling peers apart by hash first loads the
    /// link, which a handler reads anyway, and not the ID.
    /// </summary>
    public int PeerHash { get; }

    private bool _open = true;

    /// <summary>False once the handler dropped the connection.</summary>
    public bool IsOpen => _open;

    /// <summary>
    /// When the handler last took a message from the link (UTC ticks), <see cref="long.MinValue"/>
    /// before the first: the connection's activity, noted where the handler reads the link anyway.
    /// </summary>
    public long LastReceived { get; private set; } = long.MinValue;

    /// <summary>Marks the link closed (by the handler that made it).</summary>
    protected internal void Close() => _open = false;

    /// <summary>Notes a message taken from the link at <paramref name="now"/> (by the handler that made it).</summary>
    protected internal void Received(long now) => LastReceived = now;
}
