using Rollout.TestSupport;
using Rollout.Token.Addressing;
using Rollout.Token.Commitment;
using Rollout.Token.Genesis;

namespace Rollout.Token.Tests.Genesis;

public sealed class GenesisOutputTests
{
    [Fact]
    public void Write_IntoAnExistingOut_ReplacesBothFilesAndKeepsTheRest()
    {
        using var dir = new TempDirectory();
        var outDir = dir.Combine("out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, GenesisOutput.TreeFileName), "old tree");
        File.WriteAllText(Path.Combine(outDir, GenesisOutput.GenesisFileName), "old genesis");
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine");
        var (genesis, tree) = Sample(1);

        GenesisOutput.Write(outDir, genesis, tree);

        Assert.Equal(tree.RootHex, StandardTreeFile.Load(Path.Combine(outDir, GenesisOutput.TreeFileName)).RootHex);
        Assert.Contains(tree.RootHex, File.ReadAllText(Path.Combine(outDir, GenesisOutput.GenesisFileName)), StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
        Assert.Equal([outDir], Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData(GenesisOutput.GenesisFileName)]
    [InlineData(GenesisOutput.TreeFileName)]
    public void Write_OneTargetIsAFolder_FailsAndLeavesOutByteForByteUnchanged(string folderName)
    {
        using var dir = new TempDirectory();
        var outDir = dir.Combine("out");
        Directory.CreateDirectory(outDir);
        foreach (var name in new[] { GenesisOutput.TreeFileName, GenesisOutput.GenesisFileName })
        {
            if (name == folderName)
            {
                Directory.CreateDirectory(Path.Combine(outDir, name));
                File.WriteAllText(Path.Combine(outDir, name, "inside.txt"), "kept");
            }
            else
            {
                File.WriteAllText(Path.Combine(outDir, name), "old " + name);
            }
        }
        var before = Contents(outDir);
        var (genesis, tree) = Sample(2);

        var error = Assert.Throws<InvalidDataException>(() => GenesisOutput.Write(outDir, genesis, tree));

        Assert.Contains(folderName, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Contents(outDir));
        Assert.Equal([outDir], Directory.GetFileSystemEntries(dir.Path));
    }

    private static (TokenGenesis Genesis, StandardMerkleTree Tree) Sample(byte seed)
    {
        var allocations = Enumerable.Range(1, 3)
            .Select(i => new GenesisAllocation(QuilAddress.FromBytes(Enumerable.Repeat((byte)(seed * 16 + i), 32).ToArray()), i * 1000))
            .ToArray();
        var total = allocations.Sum(a => (long)a.Units);
        var genesis = new TokenGenesis(allocations, [], GenesisSettings.ReferenceBridgeAddress, 0, total, GenesisSettings.Default.SupplyCap);
        return (genesis, StandardMerkleTree.Build(allocations));
    }

    /// <summary>Every entry under <paramref name="folder"/>: relative path, and the file's bytes (or "folder").</summary>
    private static string Contents(string folder) => string.Join("\n", Directory
        .GetFileSystemEntries(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => Path.GetRelativePath(folder, p) + " = " + (Directory.Exists(p) ? "folder" : Convert.ToHexString(File.ReadAllBytes(p)))));
}
