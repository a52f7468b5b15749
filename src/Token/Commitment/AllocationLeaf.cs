using System.Numerics;
using Rollout.Token.Addressing;
using Rollout.Token.Hashing;

namespace Rollout.Token.Commitment;

/// <summary>
/// The leaf of an allocation in OpenZeppelin's standard tree with leaf encoding
/// <c>["bytes32","uint256"]</c>: keccak256(keccak256(abi.encode(address, amount))). The double hash keeps
/// a leaf from ever being mistaken for an inner node (64-byte preimage) of the same tree.
/// </summary>
public static class AllocationLeaf
{
    /// <summary>The leaf encoding written into <c>tree.json</c>.</summary>
    public static readonly IReadOnlyList<string> Encoding = ["bytes32", "uint256"];

    /// <summary>Writes abi.encode(bytes32 address, uint256 amount): two 32-byte big-endian words.</summary>
    public static void Encode(QuilAddress address, BigInteger amount, Span<byte> destination)
    {
        if (destination.Length < 64) throw new ArgumentException("the encoding is 64 bytes", nameof(destination));
        if (amount.Sign < 0 || amount.GetByteCount(isUnsigned: true) > 32) throw new ArgumentOutOfRangeException(nameof(amount), "an amount is a uint256");
        address.WriteTo(destination);
        var word = destination.Slice(32, 32);
        word.Clear();
        var length = amount.GetByteCount(isUnsigned: true);
        if (!amount.IsZero) amount.TryWriteBytes(word[(32 - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Writes the 32-byte leaf hash of an allocation into <paramref name="destination"/>.</summary>
    public static void Hash(QuilAddress address, BigInteger amount, Span<byte> destination)
    {
        Span<byte> encoded = stackalloc byte[64];
        Encode(address, amount, encoded);
        Span<byte> inner = stackalloc byte[32];
        Keccak256.HashShort(encoded, inner);
        Keccak256.HashShort(inner, destination);
    }

    /// <summary>The leaf hash of an allocation as a new array.</summary>
    public static byte[] Hash(QuilAddress address, BigInteger amount)
    {
        var leaf = new byte[32];
        Hash(address, amount, leaf);
        return leaf;
    }
}
