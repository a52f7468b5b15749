using System.Numerics;
using System.Text;

namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>
/// Solidity's standard ABI encoding (<c>abi.encode</c>): heads then tails, offsets relative to the
/// start of the enclosing tuple. Values are checked against their types; errors name the path.
/// </summary>
public static class AbiEncoder
{
    /// <summary>Encodes values as the tuple of <paramref name="types"/>, as a call's arguments are encoded.</summary>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count) throw new InvalidDataException($"abi: {types.Count} types but {values.Count} values");
        var output = new MemoryStream();
        WriteSequence(types, values, output, "arg");
        return output.ToArray();
    }

    /// <summary>Encodes one value of one type (a single-element tuple).</summary>
    public static byte[] Encode(AbiType type, object? value) => Encode([type], [value]);

    /// <summary>Encodes a type-string list and values, e.g. <c>Encode(["address","uint256"], [a, 5])</c>.</summary>
    public static byte[] Encode(IReadOnlyList<string> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Encode(types.Select(AbiType.Parse).ToArray(), values);
    }

    private static void WriteSequence(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values, MemoryStream output, string path)
    {
        var headSize = types.Sum(t => t.HeadSize);
        var tails = new MemoryStream();
        for (var i = 0; i < types.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (types[i].IsDynamic)
            {
                WriteWord(output, new BigInteger(headSize + tails.Length));
                Write(types[i], values[i], tails, itemPath);
            }
            else
            {
                Write(types[i], values[i], output, itemPath);
            }
        }
        tails.WriteTo(output);
    }

    private static void Write(AbiType type, object? value, MemoryStream output, string path)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        switch (type.Kind)
        {
            case AbiTypeKind.Address:
                AbiValues.ToAddress(value, path).Span.CopyTo(word[12..]);
                output.Write(word);
                break;
            case AbiTypeKind.Bool:
                word[31] = value is bool b ? (b ? (byte)1 : (byte)0) : throw AbiValues.Wrong(path, "bool", value);
                output.Write(word);
                break;
            case AbiTypeKind.UInt or AbiTypeKind.Int:
                EvmInteger.WriteWord(AbiValues.ToInteger(value, path), type.Size, type.Kind == AbiTypeKind.Int, word, path);
                output.Write(word);
                break;
            case AbiTypeKind.FixedBytes:
                var fixedBytes = AbiValues.ToBytes(value, path);
                if (fixedBytes.Length != type.Size) throw new InvalidDataException($"{path}: {type} needs {type.Size} bytes, got {fixedBytes.Length}");
                fixedBytes.CopyTo(word);
                output.Write(word);
                break;
            case AbiTypeKind.Bytes:
                WritePadded(AbiValues.ToBytes(value, path), output);
                break;
            case AbiTypeKind.String:
                WritePadded(Encoding.UTF8.GetBytes(value as string ?? throw AbiValues.Wrong(path, "string", value)), output);
                break;
            case AbiTypeKind.Array:
                var items = AbiValues.ToList(value, path);
                if (type.Length is { } length && items.Count != length) throw new InvalidDataException($"{path}: {type} needs {length} items, got {items.Count}");
                if (type.Length is null) WriteWord(output, items.Count);
                WriteSequence(Enumerable.Repeat(type.Element!, items.Count).ToArray(), items, output, path);
                break;
            default:
                var fields = AbiValues.ToList(value, path);
                if (fields.Count != type.Components.Count) throw new InvalidDataException($"{path}: {type} has {type.Components.Count} fields, got {fields.Count}");
                WriteSequence(type.Components, fields, output, path);
                break;
        }
    }

    private static void WritePadded(byte[] bytes, MemoryStream output)
    {
        WriteWord(output, bytes.Length);
        output.Write(bytes);
        var padding = (32 - (bytes.Length % 32)) % 32;
        output.Write(new byte[padding]);
    }

    private static void WriteWord(MemoryStream output, BigInteger value)
    {
        Span<byte> word = stackalloc byte[32];
        EvmInteger.WriteWord(value, 256, false, word);
        output.Write(word);
    }
}
