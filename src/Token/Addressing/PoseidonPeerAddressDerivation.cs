using Rollout.Mesh.Identity;

namespace Rollout.Token.Addressing;

/// <summary>Placeholder so this branch compiles; the real Poseidon HashBytes derivation replaces this file at merge.</summary>
public sealed class PoseidonPeerAddressDerivation : IPeerAddressDerivation
{
    /// <inheritdoc/>
    public QuilAddress Derive(PeerId peerId) => throw new InvalidOperationException("Poseidon arrives with the h/poseidon branch");

    /// <inheritdoc/>
    public QuilAddress[] DeriveAll(IReadOnlyList<PeerId> peerIds) => throw new InvalidOperationException("Poseidon arrives with the h/poseidon branch");
}
