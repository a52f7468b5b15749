using System.Globalization;
using Rollout.Deployer.Storage;

namespace Rollout.Deployer.Journal;

/// <summary>
/// <c>journal.head</c>: the last event's seq and hash, rewritten (temp file, rename) after every append.
/// The hash chain proves the events are unaltered; the head proves none was cut off the end.
/// </summary>
internal static class JournalHead
{
    public static void Write(string path, long seq, string hash)
    {
        AtomicFile.WriteAllText(path, $"{seq.ToString(CultureInfo.InvariantCulture)} {hash}\n");
    }

    public static (long Seq, string Hash)? Read(string path)
    {
        if (!File.Exists(path)) return null;
        var parts = File.ReadAllText(path).Trim().Split(' ');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            throw new InvalidDataException($"{path}: not a journal head (expected \"<seq> <hash>\")");
        }
        return (seq, parts[1]);
    }
}
