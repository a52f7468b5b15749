using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Transport;

/// <summary>
/// Everything a protocol object may do to the outside world. A real node implements it over QUIC or
/// TCP streams, the simulator over its event queue; the protocol code never learns which. Calls
/// return at once: outcomes come back through <see cref="IPeerNetworkHandler{TMessage}"/>.
/// </summary>
/// <typeparam name="TMessage">The protocol's message type, handed over as an object (no wire format is implied).</typeparam>
public interface IPeerNetwork<in TMessage>
{
    /// <summary>Sends to a connected peer; a message to a peer that is gone is dropped, as on a closed stream.</summary>
    void Send(PeerId peer, TMessage message);

    /// <summary>Asks to dial the peer a verified record describes; success shows up as a connection event.</summary>
    void Connect(SignedPeerRecord record);

    /// <summary>Closes the connection to a peer, if any.</summary>
    void Disconnect(PeerId peer);
}
