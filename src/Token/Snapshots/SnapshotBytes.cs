using System.Text;
using System.Text.Unicode;

namespace Rollout.Token.Snapshots;

/// <summary>Reads a snapshot file's bytes and refuses what is not plain UTF-8 text before any parser sees it.</summary>
internal static class SnapshotBytes
{
    /// <summary>The largest snapshot file read (1 GiB); the real ones are a few MB.</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when it cannot be read or is not UTF-8.</summary>
    public static byte[] Read(string path)
    {
        var name = Path.GetFileName(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes) throw SnapshotError.InFile(name, $"is {info.Length} bytes; snapshot files are at most {MaxFileBytes} bytes");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw SnapshotError.InFile(name, $"cannot be read: {ex.Message}");
        }
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            throw SnapshotError.InFile(name, "starts with a byte order mark (EF BB BF); save it as UTF-8 without BOM");
        }
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            throw SnapshotError.InFile(name, "is UTF-16; save it as UTF-8");
        }
        if (!Utf8.IsValid(bytes))
        {
            var offset = FirstInvalidOffset(bytes);
            throw SnapshotError.InFile(name, $"is not UTF-8: invalid byte 0x{bytes[offset]:x2} at offset {offset} (line {LineOf(bytes, offset)})");
        }
        return bytes;
    }

    private static int FirstInvalidOffset(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return 0;
    }

    private static int LineOf(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;
}
