using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Transport;

/// <summary>The callbacks through which a transport (or the simulator) drives a protocol object.</summary>
/// <typeparam name="TMessage">The protocol's message type.</typeparam>
public interface IPeerNetworkHandler<in TMessage>
{
    /// <summary>
    /// A connection is up; <paramref name="record"/> is the peer's signed record when the handshake
    /// carried one. Returns the link the host passes back with every message on this connection, or
    /// null when the handler refused it (the handler closes it through its network) or will not use it.
    /// </summary>
    PeerLink? OnConnected(PeerId peer, ConnectionDirection direction, SignedPeerRecord? record);

    /// <summary>The connection to <paramref name="peer"/> is gone.</summary>
    void OnDisconnected(PeerId peer);

    /// <summary>A message arrived on <paramref name="link"/>, a link this handler returned from <see cref="OnConnected"/>.</summary>
    void OnReceived(PeerLink link, TMessage message);
}
