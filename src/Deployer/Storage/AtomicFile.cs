using System.Text;

namespace Rollout.Deployer.Storage;

/// <summary>Writes a file whole or not at all: a temp file beside it, flushed, then renamed over it.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8(text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, bytes, overwrite: true);

    /// <summary>
    /// Like <see cref="WriteAllText"/>, but never replaces an existing file, even one created after the caller
    /// checked: the final rename refuses an existing target, and that is reported as bad input naming the path.
    /// </summary>
    public static void WriteNewText(string path, string text) => WriteNewBytes(path, Utf8(text));

    /// <summary>Like <see cref="WriteAllBytes"/>, but never replaces an existing file (see <see cref="WriteNewText"/>).</summary>
    public static void WriteNewBytes(string path, byte[] bytes) => Write(path, bytes, overwrite: false);

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static void Write(string path, byte[] bytes, bool overwrite)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite);
        }
        catch (IOException ex) when (!overwrite && File.Exists(full))
        {
            throw new InvalidDataException($"{path}: already exists; this file is never overwritten", ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
