namespace Rollout.Mesh.Wire;

/// <summary>Reads fields out of our compact signed encodings, naming the offset and field of a short read.</summary>
internal static class WireReader
{
    /// <summary>The next <paramref name="length"/> bytes at <paramref name="offset"/>, which moves past them.</summary>
    public static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int offset, int length, string source, string field)
    {
        if (bytes.Length - offset < length)
        {
            throw new InvalidDataException($"{source}[{offset}].{field}: needs {length} bytes, {bytes.Length - offset} left");
        }
        var slice = bytes.Slice(offset, length);
        offset += length;
        return slice;
    }
}
