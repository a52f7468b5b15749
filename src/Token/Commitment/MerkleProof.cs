using System.Numerics;
using Rollout.Token.Addressing;
using Rollout.Token.Hashing;

namespace Rollout.Token.Commitment;

/// <summary>Checks a proof the way OpenZeppelin's <c>MerkleProof.verify</c> and <c>StandardMerkleTree.verify</c> do: sorted pairs, leaf upwards.</summary>
public static class MerkleProof
{
    /// <summary>Hashes two nodes as a sorted pair: keccak256(min ‖ max), comparing them as big-endian numbers.</summary>
    public static void HashPair(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
    {
        Span<byte> pair = stackalloc byte[64];
        var aFirst = a.SequenceCompareTo(b) <= 0;
        (aFirst ? a : b).CopyTo(pair);
        (aFirst ? b : a).CopyTo(pair[32..]);
        Keccak256.HashShort(pair, destination);
    }

    /// <summary>The root a proof leads to from <paramref name="leaf"/>.</summary>
    public static byte[] ProcessProof(ReadOnlySpan<byte> leaf, IEnumerable<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        Span<byte> node = stackalloc byte[32];
        leaf.CopyTo(node);
        foreach (var sibling in proof)
        {
            if (sibling.Length != 32) throw new ArgumentException("proof elements are 32 bytes", nameof(proof));
            HashPair(node, sibling, node);
        }
        return node.ToArray();
    }

    /// <summary>Whether <paramref name="proof"/> shows that (address, amount) is a leaf of the tree with <paramref name="root"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> root, QuilAddress address, BigInteger amount, IEnumerable<byte[]> proof)
    {
        if (amount.Sign < 0 || amount.GetByteCount(isUnsigned: true) > 32) return false;
        return ProcessProof(AllocationLeaf.Hash(address, amount), proof).AsSpan().SequenceEqual(root);
    }
}
