using Rollout.Mesh.Identity;

namespace Rollout.Token.Addressing;

/// <summary>Derives a peer's node-side address from its peer ID (the reference: Poseidon HashBytes of the multihash).</summary>
public interface IPeerAddressDerivation
{
    /// <summary>The address of one peer.</summary>
    QuilAddress Derive(PeerId peerId);

    /// <summary>The addresses of many peers, in order; implementations may use every core.</summary>
    QuilAddress[] DeriveAll(IReadOnlyList<PeerId> peerIds);
}
