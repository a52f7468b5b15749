using System.Globalization;

namespace Rollout.Mesh.Simulation;

/// <summary>One line of Linux's /proc/self/maps: an address range, its permissions and what backs it.</summary>
internal readonly record struct MemoryMapping(long Start, long End, string Permissions, bool Anonymous)
{
    /// <summary>Bytes covered.</summary>
    public long Length => End - Start;

    /// <summary>Anonymous address space reserved but not usable yet (how the GC reserves its heap).</summary>
    public bool IsReservation => Anonymous && Permissions == "---p";

    /// <summary>Anonymous, readable, writable and private: committed heap.</summary>
    public bool IsWritablePrivate => Anonymous && Permissions.StartsWith("rw", StringComparison.Ordinal) && Permissions.EndsWith('p');

    /// <summary>The mappings of this process.</summary>
    public static IEnumerable<MemoryMapping> ReadAll()
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            if (TryParse(line, out var mapping)) yield return mapping;
        }
    }

    /// <summary>
    /// Parses "start-end perms offset dev inode [path]"; anonymous means no path (named regions such
    /// as [heap] and [stack] and files are not). False for a line that does not have that shape.
    /// </summary>
    public static bool TryParse(string line, out MemoryMapping mapping)
    {
        mapping = default;
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[1].Length != 4) return false;
        var dash = fields[0].IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
            || end <= start)
        {
            return false;
        }
        var anonymous = fields.Length == 5 || string.IsNullOrWhiteSpace(fields[5]);
        mapping = new MemoryMapping(start, end, fields[1], anonymous);
        return true;
    }
}
