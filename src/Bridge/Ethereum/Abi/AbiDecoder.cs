using System.Numerics;
using System.Text;

namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>
/// Decodes the standard ABI encoding strictly: every offset and length must stay inside the data,
/// words of small types must be clean (no dirty high bits, bool only 0 or 1), padding must be zero.
/// Trailing bytes after the last tail are ignored, as Solidity's <c>abi.decode</c> ignores them.
/// Results: <see cref="Address"/>, <c>bool</c>, <see cref="BigInteger"/>, <c>byte[]</c>, <c>string</c>, <c>object?[]</c>.
/// </summary>
public static class AbiDecoder
{
    /// <summary>Decodes <paramref name="data"/> as the tuple of <paramref name="types"/>.</summary>
    public static object?[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        var reader = new Reader(data.ToArray());
        return reader.ReadSequence(types, 0, "data", out _);
    }

    /// <summary>Decodes data holding a single value of <paramref name="type"/>.</summary>
    public static object? Decode(AbiType type, ReadOnlySpan<byte> data) => Decode([type], data)[0];

    /// <summary>Decodes with type strings, e.g. <c>Decode(["uint256","bool"], data)</c>.</summary>
    public static object?[] Decode(IReadOnlyList<string> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Decode(types.Select(AbiType.Parse).ToArray(), data);
    }

    private sealed class Reader(byte[] data)
    {
        public object?[] ReadSequence(IReadOnlyList<AbiType> types, int start, string path, out int end)
        {
            var values = new object?[types.Count];
            var head = start;
            end = start + types.Sum(t => t.HeadSize);
            if (end > data.Length) throw Short(path, end);
            for (var i = 0; i < types.Count; i++)
            {
                var itemPath = $"{path}[{i}]";
                if (types[i].IsDynamic)
                {
                    var offset = ReadLength(head, itemPath + " offset");
                    var at = start + offset;
                    if (at > data.Length) throw new InvalidDataException($"{itemPath}: offset {offset} points past the end of the data ({data.Length} bytes)");
                    values[i] = Read(types[i], at, itemPath, out var tailEnd);
                    end = Math.Max(end, tailEnd);
                }
                else
                {
                    values[i] = Read(types[i], head, itemPath, out _);
                }
                head += types[i].HeadSize;
            }
            return values;
        }

        private object? Read(AbiType type, int at, string path, out int end)
        {
            end = at + 32;
            switch (type.Kind)
            {
                case AbiTypeKind.Address:
                    var word = Word(at, path);
                    if (word[..12].IndexOfAnyExcept((byte)0) >= 0) throw new InvalidDataException($"{path}: address word has dirty high bytes");
                    return Address.FromBytes(word[12..]);
                case AbiTypeKind.Bool:
                    var flag = EvmInteger.ReadWord(Word(at, path), 256, false, path);
                    return flag <= 1 ? flag == 1 : throw new InvalidDataException($"{path}: bool word is {flag}, not 0 or 1");
                case AbiTypeKind.UInt or AbiTypeKind.Int:
                    return EvmInteger.ReadWord(Word(at, path), type.Size, type.Kind == AbiTypeKind.Int, path);
                case AbiTypeKind.FixedBytes:
                    var fixedWord = Word(at, path);
                    if (fixedWord[type.Size..].IndexOfAnyExcept((byte)0) >= 0) throw new InvalidDataException($"{path}: {type} has non-zero padding");
                    return fixedWord[..type.Size].ToArray();
                case AbiTypeKind.Bytes:
                    return ReadPadded(at, path, out end);
                case AbiTypeKind.String:
                    var bytes = ReadPadded(at, path, out end);
                    try
                    {
                        return new UTF8Encoding(false, true).GetString(bytes);
                    }
                    catch (DecoderFallbackException ex)
                    {
                        throw new InvalidDataException($"{path}: string is not valid UTF-8", ex);
                    }
                case AbiTypeKind.Array:
                    var count = type.Length ?? ReadLength(at, path + " length");
                    var itemsStart = type.Length is null ? at + 32 : at;
                    // Each item's head takes its head size, so a count the remaining data cannot hold is corrupt; this also bounds allocation.
                    var itemHead = type.Element!.HeadSize;
                    if (itemHead > 0 && (long)count * itemHead > data.Length - itemsStart)
                    {
                        throw new InvalidDataException($"{path}: {count} items cannot fit in the {data.Length - itemsStart} bytes left");
                    }
                    return ReadSequence(Enumerable.Repeat(type.Element!, count).ToArray(), itemsStart, path, out end);
                default:
                    return ReadSequence(type.Components, at, path, out end);
            }
        }

        private byte[] ReadPadded(int at, string path, out int end)
        {
            var length = ReadLength(at, path + " length");
            var start = at + 32;
            var padded = (long)length + ((32 - (length % 32)) % 32);
            if (start + padded > data.Length) throw Short(path, start + padded);
            end = start + (int)padded;
            if (data.AsSpan(start + length, (int)padded - length).IndexOfAnyExcept((byte)0) >= 0)
            {
                throw new InvalidDataException($"{path}: non-zero padding after {length} bytes");
            }
            return data.AsSpan(start, length).ToArray();
        }

        private int ReadLength(int at, string path)
        {
            var value = new BigInteger(Word(at, path), isUnsigned: true, isBigEndian: true);
            if (value > data.Length) throw new InvalidDataException($"{path}: {value} is larger than the data ({data.Length} bytes)");
            return (int)value;
        }

        private ReadOnlySpan<byte> Word(int at, string path)
        {
            if (at + 32 > data.Length) throw Short(path, at + 32);
            return data.AsSpan(at, 32);
        }

        private InvalidDataException Short(string path, long needed) =>
            new($"{path}: data ends at byte {data.Length}, needs {needed}");
    }
}
