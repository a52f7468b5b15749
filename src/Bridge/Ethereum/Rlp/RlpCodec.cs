namespace Rollout.Bridge.Ethereum.Rlp;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B). Decoding is strict: a
/// single byte below 0x80 wrapped in a prefix, a long form used for 55 bytes or fewer, a length with
/// leading zeros, a length past the end, and trailing bytes are all rejected, so every value has
/// exactly one accepted encoding.
/// </summary>
public static class RlpCodec
{
    /// <summary>Encodes an item.</summary>
    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var output = new MemoryStream();
        Write(item, output);
        return output.ToArray();
    }

    /// <summary>Decodes exactly one item that spans all of <paramref name="data"/>.</summary>
    public static RlpItem Decode(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        var item = Read(bytes, 0, out var end, 0);
        if (end != bytes.Length) throw new InvalidDataException($"rlp: {bytes.Length - end} trailing bytes after the item at offset {end}");
        return item;
    }

    private static void Write(RlpItem item, MemoryStream output)
    {
        if (!item.IsList)
        {
            var bytes = item.Bytes;
            if (bytes.Length == 1 && bytes[0] < 0x80)
            {
                output.WriteByte(bytes[0]);
                return;
            }
            WriteLength(bytes.Length, 0x80, output);
            output.Write(bytes);
            return;
        }
        var payload = new MemoryStream();
        foreach (var child in item.Items) Write(child, payload);
        WriteLength((int)payload.Length, 0xc0, output);
        payload.WriteTo(output);
    }

    private static void WriteLength(int length, byte offset, MemoryStream output)
    {
        if (length <= 55)
        {
            output.WriteByte((byte)(offset + length));
            return;
        }
        var lengthBytes = EvmInteger.ToMinimalBytes(length);
        output.WriteByte((byte)(offset + 55 + lengthBytes.Length));
        output.Write(lengthBytes);
    }

    private static RlpItem Read(byte[] data, int at, out int end, int depth)
    {
        // Nesting deeper than any transaction needs is a sign of hostile input; stop before the stack does.
        if (depth > 64) throw new InvalidDataException($"rlp: nesting deeper than 64 at offset {at}");
        if (at >= data.Length) throw new InvalidDataException($"rlp: data ends at offset {at} where an item should start");
        var prefix = data[at];
        if (prefix < 0x80)
        {
            end = at + 1;
            return RlpItem.Of(data.AsSpan(at, 1));
        }
        var isList = prefix >= 0xc0;
        var shortLimit = isList ? 0xf7 : 0xb7;
        int length, start;
        if (prefix <= shortLimit)
        {
            length = prefix - (isList ? 0xc0 : 0x80);
            start = at + 1;
        }
        else
        {
            var lengthOfLength = prefix - shortLimit;
            if (at + 1 + lengthOfLength > data.Length) throw new InvalidDataException($"rlp: length at offset {at} runs past the end");
            if (data[at + 1] == 0) throw new InvalidDataException($"rlp: length at offset {at} has a leading zero");
            if (lengthOfLength > 4) throw new InvalidDataException($"rlp: length at offset {at} is too large");
            long value = 0;
            for (var i = 0; i < lengthOfLength; i++) value = (value << 8) | data[at + 1 + i];
            if (value <= 55) throw new InvalidDataException($"rlp: long form used for a length of {value} at offset {at}");
            if (value > int.MaxValue) throw new InvalidDataException($"rlp: length at offset {at} is too large");
            length = (int)value;
            start = at + 1 + lengthOfLength;
        }
        if ((long)start + length > data.Length) throw new InvalidDataException($"rlp: item at offset {at} declares {length} bytes, only {data.Length - start} remain");
        end = start + length;
        if (!isList)
        {
            if (length == 1 && data[start] < 0x80) throw new InvalidDataException($"rlp: single byte 0x{data[start]:x2} at offset {at} must be encoded as itself");
            return RlpItem.Of(data.AsSpan(start, length));
        }
        var items = new List<RlpItem>();
        var position = start;
        while (position < end)
        {
            items.Add(Read(data, position, out var next, depth + 1));
            if (next > end) throw new InvalidDataException($"rlp: item at offset {position} overruns its list ending at {end}");
            position = next;
        }
        return RlpItem.List(items);
    }
}
