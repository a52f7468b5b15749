using Rollout.Token.Genesis;
using Rollout.Token.Hashing;

namespace Rollout.Token.Commitment;

/// <summary>
/// The tree's leaf and node hashes over a range, eight at a time with <see cref="KeccakF1600x8"/> where
/// AVX-512 is there, and one at a time for the rest of the range or on other machines; the bytes are
/// the same either way (<see cref="AllocationLeaf.Hash(Addressing.QuilAddress, System.Numerics.BigInteger, Span{byte})"/>,
/// <see cref="MerkleProof.HashPair"/>).
/// </summary>
internal static class TreeHashing
{
    private const int Width = KeccakF1600x8.Width;

    /// <summary>Writes the leaf hash of values[from..to) at <c>leaves[i·32]</c>.</summary>
    public static void Leaves(GenesisAllocation[] values, int from, int to, byte[] leaves)
    {
        var i = from;
        if (KeccakF1600x8.IsSupported)
        {
            Span<byte> encoded = stackalloc byte[Width * 64];
            Span<byte> inner = stackalloc byte[Width * 32];
            for (; i + Width <= to; i += Width)
            {
                for (var k = 0; k < Width; k++) AllocationLeaf.Encode(values[i + k].Address, values[i + k].Units, encoded.Slice(k * 64, 64));
                KeccakF1600x8.HashShort(encoded, 64, inner);
                KeccakF1600x8.HashShort(inner, 32, leaves.AsSpan(i * 32, Width * 32));
            }
        }
        for (; i < to; i++) AllocationLeaf.Hash(values[i].Address, values[i].Units, leaves.AsSpan(i * 32, 32));
    }

    /// <summary>Writes inner nodes [from, to) of a heap-ordered array: node i = hashPair(node 2i+1, node 2i+2).</summary>
    public static void Nodes(byte[] nodes, int from, int to)
    {
        var i = from;
        if (KeccakF1600x8.IsSupported)
        {
            Span<byte> pairs = stackalloc byte[Width * 64];
            for (; i + Width <= to; i += Width)
            {
                for (var k = 0; k < Width; k++)
                {
                    var left = nodes.AsSpan(((2 * (i + k)) + 1) * 32, 32);
                    var right = nodes.AsSpan(((2 * (i + k)) + 2) * 32, 32);
                    var leftFirst = left.SequenceCompareTo(right) <= 0;
                    (leftFirst ? left : right).CopyTo(pairs.Slice(k * 64, 32));
                    (leftFirst ? right : left).CopyTo(pairs.Slice((k * 64) + 32, 32));
                }
                // The children of a level lie in deeper levels, never in [i, i + 8).
                KeccakF1600x8.HashShort(pairs, 64, nodes.AsSpan(i * 32, Width * 32));
            }
        }
        for (; i < to; i++)
        {
            MerkleProof.HashPair(nodes.AsSpan(((2 * i) + 1) * 32, 32), nodes.AsSpan(((2 * i) + 2) * 32, 32), nodes.AsSpan(i * 32, 32));
        }
    }
}
