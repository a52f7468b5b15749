using System.Buffers.Binary;
using System.Globalization;

namespace Rollout.Token.Addressing;

/// <summary>
/// A 32-byte node-side address (a BN254 field element for peer addresses), ordered as a big-endian
/// unsigned number, which is also the byte order <c>bytes32</c> has in a Merkle leaf.
/// </summary>
public readonly struct QuilAddress : IEquatable<QuilAddress>, IComparable<QuilAddress>
{
    /// <summary>The length in bytes.</summary>
    public const int Size = 32;

    // Most significant limb first, so comparing limbs in order compares the big-endian bytes.
    private readonly ulong _a, _b, _c, _d;

    private QuilAddress(ulong a, ulong b, ulong c, ulong d) => (_a, _b, _c, _d) = (a, b, c, d);

    /// <summary>Reads 32 big-endian bytes.</summary>
    public static QuilAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"an address is {Size} bytes, not {bytes.Length}", nameof(bytes));
        return new QuilAddress(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Parses 64 hex digits, with or without a 0x prefix, or says why the text is not an address.</summary>
    public static bool TryParse(string text, out QuilAddress address, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = default;
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length != Size * 2)
        {
            error = $"an address is {Size * 2} hex digits, not {hex.Length}";
            return false;
        }
        Span<byte> bytes = stackalloc byte[Size];
        for (var i = 0; i < Size; i++)
        {
            if (!byte.TryParse(hex.AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                error = $"'{hex.Substring(i * 2, 2)}' at digit {i * 2} is not hex";
                return false;
            }
        }
        address = FromBytes(bytes);
        error = "";
        return true;
    }

    /// <summary>Parses 64 hex digits; throws <see cref="FormatException"/> when the text is not an address.</summary>
    public static QuilAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException($"not an address: {error}");

    /// <summary>Writes the 32 big-endian bytes into <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The 32 big-endian bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Lower-case hex with a 0x prefix, as the genesis files and the tree write it.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    /// <inheritdoc/>
    public bool Equals(QuilAddress other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is QuilAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <inheritdoc/>
    public int CompareTo(QuilAddress other)
    {
        var order = _a.CompareTo(other._a);
        if (order != 0) return order;
        order = _b.CompareTo(other._b);
        if (order != 0) return order;
        order = _c.CompareTo(other._c);
        return order != 0 ? order : _d.CompareTo(other._d);
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(QuilAddress left, QuilAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(QuilAddress left, QuilAddress right) => !left.Equals(right);

    /// <summary>Big-endian order.</summary>
    public static bool operator <(QuilAddress left, QuilAddress right) => left.CompareTo(right) < 0;

    /// <summary>Big-endian order.</summary>
    public static bool operator >(QuilAddress left, QuilAddress right) => left.CompareTo(right) > 0;

    /// <summary>Big-endian order.</summary>
    public static bool operator <=(QuilAddress left, QuilAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Big-endian order.</summary>
    public static bool operator >=(QuilAddress left, QuilAddress right) => left.CompareTo(right) >= 0;
}
