using System.Numerics;

namespace Rollout.Bridge.Ethereum.Rlp;

/// <summary>An RLP item: either a byte string or a list of items.</summary>
public sealed class RlpItem
{
    private readonly byte[]? _bytes;
    private readonly IReadOnlyList<RlpItem>? _items;

    private RlpItem(byte[]? bytes, IReadOnlyList<RlpItem>? items) => (_bytes, _items) = (bytes, items);

    /// <summary>Whether this item is a list.</summary>
    public bool IsList => _items is not null;

    /// <summary>The byte string; throws for a list.</summary>
    public byte[] Bytes => _bytes ?? throw new InvalidDataException("rlp: expected a byte string, found a list");

    /// <summary>The list's items; throws for a byte string.</summary>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new InvalidDataException("rlp: expected a list, found a byte string");

    /// <summary>A byte string item.</summary>
    public static RlpItem Of(ReadOnlySpan<byte> bytes) => new(bytes.ToArray(), null);

    /// <summary>A non-negative integer as its minimal big-endian bytes (zero is the empty string).</summary>
    public static RlpItem Of(BigInteger value) => new(EvmInteger.ToMinimalBytes(value), null);

    /// <summary>A list item.</summary>
    public static RlpItem List(params IEnumerable<RlpItem> items) => new(null, [.. items]);

    /// <summary>
    /// Reads this byte string as a canonical unsigned integer of at most <paramref name="maxBits"/> bits:
    /// a leading zero byte is rejected, because two encodings of one number would give two transaction hashes.
    /// </summary>
    public BigInteger ToInteger(string field, int maxBits = 256)
    {
        var bytes = Bytes;
        if (bytes.Length > 0 && bytes[0] == 0) throw new InvalidDataException($"{field}: integer has a leading zero byte");
        if (bytes.Length * 8 > maxBits) throw new InvalidDataException($"{field}: integer is longer than {maxBits} bits");
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }
}
