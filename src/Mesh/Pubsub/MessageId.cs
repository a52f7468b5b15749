using System.Buffers.Binary;
using System.Security.Cryptography;
using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// A message's identity in caches, IHAVE and IWANT: the first 16 bytes of SHA-256(author multihash ||
/// sequence number, big-endian). libp2p's default ID is the same pair (author, sequence number)
/// concatenated; hashing it makes the ID fixed-size, so a cache entry costs two longs, and it stays
/// deterministic: every router computes the same ID for the same message.
/// </summary>
public readonly record struct MessageId(ulong High, ulong Low) : IComparable<MessageId>
{
    /// <inheritdoc/>
    public int CompareTo(MessageId other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    /// <summary>Ordering operator.</summary>
    public static bool operator <(MessageId left, MessageId right) => left.CompareTo(right) < 0;

    /// <summary>Ordering operator.</summary>
    public static bool operator >(MessageId left, MessageId right) => left.CompareTo(right) > 0;

    /// <summary>Ordering operator.</summary>
    public static bool operator <=(MessageId left, MessageId right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering operator.</summary>
    public static bool operator >=(MessageId left, MessageId right) => left.CompareTo(right) >= 0;

    /// <summary>The ID of the message <paramref name="author"/> published with <paramref name="sequenceNumber"/>.</summary>
    public static MessageId Of(PeerId author, ulong sequenceNumber)
    {
        ArgumentNullException.ThrowIfNull(author);
        var multihash = author.Multihash;
        Span<byte> input = stackalloc byte[multihash.Length + 8];
        multihash.CopyTo(input);
        BinaryPrimitives.WriteUInt64BigEndian(input[multihash.Length..], sequenceNumber);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(input, digest);
        return new MessageId(BinaryPrimitives.ReadUInt64BigEndian(digest), BinaryPrimitives.ReadUInt64BigEndian(digest[8..]));
    }

    /// <summary>32 hex digits.</summary>
    public override string ToString() => $"{High:x16}{Low:x16}";
}
