namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>
/// One Solidity ABI type. Values travel as: <see cref="Ethereum.Address"/> for address, <c>bool</c>,
/// <see cref="System.Numerics.BigInteger"/> for uintN/intN, <c>byte[]</c> for bytes and bytesN,
/// <c>string</c>, and <c>object?[]</c> for arrays and tuples.
/// </summary>
public sealed class AbiType : IEquatable<AbiType>
{
    private AbiType(AbiTypeKind kind, int size, AbiType? element, int? length, IReadOnlyList<AbiType> components)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Length = length;
        Components = components;
        Canonical = kind switch
        {
            AbiTypeKind.Address => "address",
            AbiTypeKind.Bool => "bool",
            AbiTypeKind.UInt => $"uint{size}",
            AbiTypeKind.Int => $"int{size}",
            AbiTypeKind.FixedBytes => $"bytes{size}",
            AbiTypeKind.Bytes => "bytes",
            AbiTypeKind.String => "string",
            AbiTypeKind.Array => $"{element!.Canonical}[{length}]",
            _ => "(" + string.Join(",", components.Select(c => c.Canonical)) + ")",
        };
        IsDynamic = kind switch
        {
            AbiTypeKind.Bytes or AbiTypeKind.String => true,
            AbiTypeKind.Array => length is null || element!.IsDynamic,
            AbiTypeKind.Tuple => components.Any(c => c.IsDynamic),
            _ => false,
        };
        HeadSize = !IsDynamic && kind == AbiTypeKind.Array ? length!.Value * element!.HeadSize
            : !IsDynamic && kind == AbiTypeKind.Tuple ? components.Sum(c => c.HeadSize)
            : 32;
    }

    /// <summary>The type's family.</summary>
    public AbiTypeKind Kind { get; }

    /// <summary>Bits for uintN/intN, bytes for bytesN, 0 otherwise.</summary>
    public int Size { get; }

    /// <summary>The element type of an array.</summary>
    public AbiType? Element { get; }

    /// <summary>The length of a fixed-size array; null for <c>T[]</c> and non-arrays.</summary>
    public int? Length { get; }

    /// <summary>The component types of a tuple; empty otherwise.</summary>
    public IReadOnlyList<AbiType> Components { get; }

    /// <summary>The canonical form used in signatures, e.g. <c>(address,uint256)[]</c>.</summary>
    public string Canonical { get; }

    /// <summary>Whether the encoding is stored in the tail behind an offset.</summary>
    public bool IsDynamic { get; }

    /// <summary>Bytes this type takes in the head of its enclosing tuple.</summary>
    public int HeadSize { get; }

    /// <summary><c>address</c>.</summary>
    public static AbiType Address { get; } = new(AbiTypeKind.Address, 0, null, null, []);

    /// <summary><c>bool</c>.</summary>
    public static AbiType Bool { get; } = new(AbiTypeKind.Bool, 0, null, null, []);

    /// <summary><c>bytes</c>.</summary>
    public static AbiType Bytes { get; } = new(AbiTypeKind.Bytes, 0, null, null, []);

    /// <summary><c>string</c>.</summary>
    public static AbiType String { get; } = new(AbiTypeKind.String, 0, null, null, []);

    /// <summary><c>uint256</c>.</summary>
    public static AbiType UInt256 { get; } = UInt(256);

    /// <summary><c>bytes32</c>.</summary>
    public static AbiType Bytes32 { get; } = FixedBytes(32);

    /// <summary><c>uint<paramref name="bits"/></c>.</summary>
    public static AbiType UInt(int bits) => new(AbiTypeKind.UInt, CheckBits(bits), null, null, []);

    /// <summary><c>int<paramref name="bits"/></c>.</summary>
    public static AbiType Int(int bits) => new(AbiTypeKind.Int, CheckBits(bits), null, null, []);

    /// <summary><c>bytes<paramref name="size"/></c>.</summary>
    public static AbiType FixedBytes(int size) => size is >= 1 and <= 32
        ? new(AbiTypeKind.FixedBytes, size, null, null, [])
        : throw new ArgumentOutOfRangeException(nameof(size), $"bytes{size} does not exist; bytesN has N from 1 to 32");

    /// <summary><c>T[]</c> when <paramref name="length"/> is null, else <c>T[length]</c>.</summary>
    public static AbiType Array(AbiType element, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (length is < 0) throw new ArgumentOutOfRangeException(nameof(length), "an array length is not negative");
        return new(AbiTypeKind.Array, 0, element, length, []);
    }

    /// <summary>A tuple of the given components.</summary>
    public static AbiType Tuple(params IReadOnlyList<AbiType> components) => new(AbiTypeKind.Tuple, 0, null, null, [.. components]);

    /// <summary>Parses a type string such as <c>uint</c>, <c>bytes32[2]</c> or <c>(address,uint256)[]</c>.</summary>
    public static AbiType Parse(string text) => AbiTypeParser.ParseType(text);

    /// <inheritdoc/>
    public override string ToString() => Canonical;

    /// <inheritdoc/>
    public bool Equals(AbiType? other) => other is not null && string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AbiType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);

    private static int CheckBits(int bits) => bits is >= 8 and <= 256 && bits % 8 == 0
        ? bits
        : throw new ArgumentOutOfRangeException(nameof(bits), $"{bits} bits: N in uintN/intN is a multiple of 8 from 8 to 256");
}
