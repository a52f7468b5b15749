using System.Collections.Concurrent;
using Rollout.Mesh.Identity;
using Rollout.Token.Addressing.Poseidon;

namespace Rollout.Token.Addressing;

/// <summary>
/// The reference derivation: a peer's address is iden3's Poseidon <c>hashBytes</c> of its peer ID's
/// multihash bytes (the Base58-decoded peer ID), written as 32 big-endian bytes.
/// </summary>
public sealed class PoseidonPeerAddressDerivation : IPeerAddressDerivation
{
    // Large enough that scheduling costs nothing next to ~100 µs per hash, small enough to balance two cores.
    private const int RangeSize = 4096;

    /// <inheritdoc/>
    public QuilAddress Derive(PeerId peerId)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        return ToAddress(PoseidonHash.HashBytes(peerId.Multihash));
    }

    /// <inheritdoc/>
    public QuilAddress[] DeriveAll(IReadOnlyList<PeerId> peerIds)
    {
        ArgumentNullException.ThrowIfNull(peerIds);
        var addresses = new QuilAddress[peerIds.Count];
        if (addresses.Length == 0) return addresses;
        Parallel.ForEach(Partitioner.Create(0, addresses.Length, RangeSize), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) addresses[i] = Derive(peerIds[i]);
        });
        return addresses;
    }

    private static QuilAddress ToAddress(Bn254Scalar hash)
    {
        Span<byte> bytes = stackalloc byte[QuilAddress.Size];
        hash.WriteBigEndian(bytes);
        return QuilAddress.FromBytes(bytes);
    }
}
