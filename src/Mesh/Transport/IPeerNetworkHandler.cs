using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Transport;

/// <summary>The callbacks through which a transport (or the simulator) drives a protocol object.</summary>
/// <typeparam name="TMessage">The protocol's message type.</typeparam>
public interface IPeerNetworkHandler<in TMessage>
{
    /// <summary>A connection is up; <paramref name="record"/> is the peer's signed record when the handshake carried one.</summary>
    void OnConnected(PeerId peer, ConnectionDirection direction, SignedPeerRecord? record);

    /// <summary>The connection to <paramref name="peer"/> is gone.</summary>
    void OnDisconnected(PeerId peer);

    /// <summary>A message arrived from a connected peer.</summary>
    void OnReceived(PeerId from, TMessage message);
}
