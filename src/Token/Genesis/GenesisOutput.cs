using Rollout.Token.Commitment;

namespace Rollout.Token.Genesis;

/// <summary>
/// Writes <c>genesis.json</c> and <c>tree.json</c> into an output folder whole or not at all: both are
/// written and flushed in a staging folder beside it, then renamed into place. A new folder appears in
/// one rename; into an existing folder tree.json is renamed first, then genesis.json (which names the root).
/// </summary>
public static class GenesisOutput
{
    /// <summary>The genesis file's name.</summary>
    public const string GenesisFileName = "genesis.json";

    /// <summary>The tree file's name.</summary>
    public const string TreeFileName = "tree.json";

    /// <summary>Writes both files into <paramref name="outDirectory"/>.</summary>
    public static void Write(string outDirectory, TokenGenesis genesis, StandardMerkleTree tree)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(tree);
        var target = Path.GetFullPath(outDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(target)) throw new InvalidDataException($"--out {outDirectory} is a file, not a folder");
        var parent = Path.GetDirectoryName(target) ?? throw new InvalidDataException($"--out {outDirectory} has no parent folder");
        if (!Directory.Exists(parent)) throw new InvalidDataException($"--out {outDirectory}: the folder {parent} does not exist");

        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            // The two files are independent: write them on two cores (if both fail, genesis.json's error is reported).
            var treeWrite = Task.Run(() => WriteFile(Path.Combine(staging, TreeFileName), stream => StandardTreeJsonWriter.Write(tree, stream)));
            try
            {
                WriteFile(Path.Combine(staging, GenesisFileName), stream => GenesisJsonWriter.Write(genesis, tree.RootHex, stream));
            }
            finally
            {
                // Never leave the staging folder to be deleted under a write still running.
                Task.WhenAny(treeWrite).Wait();
            }
            treeWrite.GetAwaiter().GetResult();
            if (!Directory.Exists(target))
            {
                Directory.Move(staging, target);
                return;
            }
            File.Move(Path.Combine(staging, TreeFileName), Path.Combine(target, TreeFileName), overwrite: true);
            File.Move(Path.Combine(staging, GenesisFileName), Path.Combine(target, GenesisFileName), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"--out {outDirectory}: cannot write: {ex.Message}", ex);
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    private static void DeleteQuietly(string staging)
    {
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover staging folder is hidden and harmless; the error that brought us here matters more.
        }
    }

    private static void WriteFile(string path, Action<Stream> write)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        write(stream);
        stream.Flush(flushToDisk: true);
    }
}
