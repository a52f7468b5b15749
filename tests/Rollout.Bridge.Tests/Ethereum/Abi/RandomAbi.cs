using System.Numerics;
using System.Text;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Tests.Ethereum.Abi;

/// <summary>Random ABI types and values from a seeded <see cref="Random"/>, and their JSON form for the ethers oracle.</summary>
internal sealed class RandomAbi(Random random)
{
    private static readonly string[] Words = ["", "a", "quil", "wQUIL bridge", "ünïcödé ✓", "emoji 🦊", new string('x', 33), new string('y', 64)];

    public AbiType Type(int depth = 0)
    {
        var roll = random.Next(depth >= 2 ? 7 : 10);
        return roll switch
        {
            0 => AbiType.Address,
            1 => AbiType.Bool,
            2 => AbiType.UInt(8 * random.Next(1, 33)),
            3 => AbiType.Int(8 * random.Next(1, 33)),
            4 => AbiType.FixedBytes(random.Next(1, 33)),
            5 => AbiType.Bytes,
            6 => AbiType.String,
            7 => AbiType.Array(Type(depth + 1)),
            8 => AbiType.Array(Type(depth + 1), random.Next(1, 4)),
            _ => AbiType.Tuple(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Type(depth + 1)).ToArray()),
        };
    }

    public object? Value(AbiType type) => type.Kind switch
    {
        AbiTypeKind.Address => Address.FromBytes(Bytes(20)),
        AbiTypeKind.Bool => random.Next(2) == 1,
        AbiTypeKind.UInt => Integer(EvmInteger.MaxUnsigned(type.Size), BigInteger.Zero),
        AbiTypeKind.Int => Integer(EvmInteger.MaxSigned(type.Size), EvmInteger.MinSigned(type.Size)),
        AbiTypeKind.FixedBytes => Bytes(type.Size),
        AbiTypeKind.Bytes => Bytes(random.Next(4) == 0 ? 0 : random.Next(1, 70)),
        AbiTypeKind.String => Words[random.Next(Words.Length)] + random.Next(1000),
        AbiTypeKind.Array => Enumerable.Range(0, type.Length ?? random.Next(0, 4)).Select(_ => Value(type.Element!)).ToArray(),
        _ => type.Components.Select(Value).ToArray(),
    };

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private BigInteger Integer(BigInteger max, BigInteger min)
    {
        switch (random.Next(6))
        {
            case 0: return max;
            case 1: return min;
            case 2: return BigInteger.Zero;
            default:
                var span = max - min + 1;
                var bytes = Bytes(span.GetByteCount(isUnsigned: true) + 1);
                return min + (new BigInteger(bytes, isUnsigned: true) % span);
        }
    }

    /// <summary>The value as ethers takes it: numbers as decimal strings, bytes as hex, tuples and arrays as arrays.</summary>
    public static object? Json(object? value) => value switch
    {
        Address a => a.ToLowerHex(),
        BigInteger n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        byte[] b => Hex.Encode(b),
        object?[] items => items.Select(Json).ToArray(),
        _ => value,
    };

    /// <summary>Deep equality over decoded values, with byte arrays compared by content.</summary>
    public static bool DeepEqual(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => DeepEqual(p.First, p.Second)),
        _ => Equals(a, b),
    };

    public static string Describe(object? value) => AbiFormat.Value(value);

    public static string Utf8Hex(string text) => Hex.Encode(Encoding.UTF8.GetBytes(text));
}
