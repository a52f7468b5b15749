using Rollout.Token.Commitment;

namespace Rollout.Token.Genesis;

/// <summary>
/// Writes <c>genesis.json</c> and <c>tree.json</c> into an output folder whole or not at all: both are
/// written and flushed in a staging folder beside it, then renamed into place. A new folder appears in
/// one rename; into an existing folder both files are replaced or, on any failure, neither (see <see cref="ReplaceBoth"/>).
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
            ReplaceBoth(staging, target);
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

    /// <summary>
    /// Moves both staged files into the existing <paramref name="target"/>, whole or not at all: a name
    /// taken by something other than a file is refused before anything moves, and the old files wait in
    /// the staging folder until both new ones are in, so a failed move puts everything back.
    /// </summary>
    private static void ReplaceBoth(string staging, string target)
    {
        string[] names = [TreeFileName, GenesisFileName];
        foreach (var name in names)
        {
            if (Directory.Exists(Path.Combine(target, name))) throw new IOException($"{name} in it is a folder, not a file");
        }
        var undo = new Stack<Action>();
        try
        {
            foreach (var name in names)
            {
                var destination = Path.Combine(target, name);
                var old = Path.Combine(staging, name + ".old");
                if (File.Exists(destination))
                {
                    File.Move(destination, old);
                    undo.Push(() => File.Move(old, destination));
                }
                File.Move(Path.Combine(staging, name), destination);
                undo.Push(() => File.Delete(destination));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            while (undo.TryPop(out var step))
            {
                try
                {
                    step();
                }
                catch (Exception undoError) when (undoError is IOException or UnauthorizedAccessException)
                {
                    // Keep undoing the rest; the move that failed is the error to report.
                }
            }
            throw;
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
