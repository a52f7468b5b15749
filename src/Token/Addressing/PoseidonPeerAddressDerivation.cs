using System.Collections.Concurrent;
using Rollout.Mesh.Identity;
using Rollout.Token.Addressing.Poseidon;
using Rollout.Token.Addressing.Poseidon.Lanes;

namespace Rollout.Token.Addressing;

/// <summary>
/// The reference derivation: a peer's address is iden3's Poseidon <c>hashBytes</c> of its peer ID's
/// multihash bytes (the Base58-decoded peer ID), written as 32 big-endian bytes.
/// </summary>
public sealed class PoseidonPeerAddressDerivation : IPeerAddressDerivation
{
    // Large enough that scheduling costs nothing next to the hashes, small enough to balance two cores.
    private const int RangeSize = 4096;

    /// <summary>Whether <see cref="DeriveAll"/> hashes eight peers at once with AVX-512 (else one by one).</summary>
    public static bool UsesVectorLanes => FusedProductSplit.IsSupported;

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
            if (UsesVectorLanes) DeriveRange(new PoseidonLaneBatch<FusedProductSplit>(), peerIds, addresses, range.Item1, range.Item2);
            else for (var i = range.Item1; i < range.Item2; i++) addresses[i] = Derive(peerIds[i]);
        });
        return addresses;
    }

    /// <summary>Derives addresses[from..to) eight at a time; a peer ID longer than one Poseidon frame goes alone.</summary>
    internal static void DeriveRange<TSplit>(PoseidonLaneBatch<TSplit> batch, IReadOnlyList<PeerId> peerIds, QuilAddress[] addresses, int from, int to)
        where TSplit : struct, IProductSplit
    {
        Span<int> laneOwner = stackalloc int[PoseidonLaneBatch<TSplit>.Lanes];
        Span<byte> bytes = stackalloc byte[QuilAddress.Size];
        var next = from;
        while (next < to)
        {
            batch.Clear();
            var filled = 0;
            for (; next < to && filled < laneOwner.Length; next++)
            {
                var peer = peerIds[next];
                ArgumentNullException.ThrowIfNull(peer);
                if (peer.Multihash.Length > PoseidonLaneBatch<TSplit>.MaxMessageLength)
                {
                    addresses[next] = ToAddress(PoseidonHash.HashBytes(peer.Multihash));
                    continue;
                }
                batch.SetMessage(filled, peer.Multihash);
                laneOwner[filled++] = next;
            }
            if (filled == 0) continue;
            batch.Compute();
            for (var lane = 0; lane < filled; lane++)
            {
                batch.WriteHash(lane, bytes);
                addresses[laneOwner[lane]] = QuilAddress.FromBytes(bytes);
            }
        }
    }

    private static QuilAddress ToAddress(Bn254Scalar hash)
    {
        Span<byte> bytes = stackalloc byte[QuilAddress.Size];
        hash.WriteBigEndian(bytes);
        return QuilAddress.FromBytes(bytes);
    }
}
