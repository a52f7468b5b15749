using System.Security.Cryptography;
using Rollout.Mesh.Identity;
using Rollout.Token.Addressing;
using Rollout.Token.Genesis;

namespace Rollout.Token.Tests.Genesis;

/// <summary>A stand-in for Poseidon in rule tests: SHA-256 of the bytes, so distinct peers and keys get distinct addresses.</summary>
public sealed class FakeAddressDerivation : IPeerAddressDerivation, IKeyAddressDerivation
{
    public int PeerCalls { get; private set; }

    public QuilAddress Derive(PeerId peerId) => QuilAddress.FromBytes(SHA256.HashData(peerId.Multihash));

    public QuilAddress[] DeriveAll(IReadOnlyList<PeerId> peerIds)
    {
        PeerCalls++;
        return peerIds.Select(Derive).ToArray();
    }

    public QuilAddress Derive(ReadOnlySpan<byte> key) => QuilAddress.FromBytes(SHA256.HashData(key));
}
