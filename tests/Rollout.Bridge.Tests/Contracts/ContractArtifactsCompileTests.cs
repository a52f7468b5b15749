using Rollout.Bridge.Contracts;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Contracts;

public sealed class ContractArtifactsCompileTests
{
    [Fact]
    public void EmbeddedArtifacts_AreByteForByteWhatAFreshCompileWrites()
    {
        using var temp = new TempDirectory();
        var result = Devchain.RunScript("compile.mjs", ["--out", temp.Path]);
        Assert.True(result.ExitCode == 0, $"compile.mjs exited {result.ExitCode}: {result.Stderr}");

        var fresh = Directory.GetFiles(temp.Path, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(fresh, ContractCatalog.Names);
        foreach (var name in fresh)
        {
            var compiled = File.ReadAllBytes(temp.Combine(name + ".json"));
            var embedded = ContractCatalog.ReadBytes(name);
            Assert.True(compiled.AsSpan().SequenceEqual(embedded),
                $"{name}.json differs from a fresh compile: run `node ops/devchain/compile.mjs` and commit src/Bridge/Contracts/Artifacts");
        }
    }

    [Fact]
    public void CommittedArtifactFiles_AreTheEmbeddedOnes()
    {
        // The folder on disk and the resources must agree, or a stale build would pass the compile check.
        var folder = RepoPaths.Combine("src", "Bridge", "Contracts", "Artifacts");
        foreach (var name in ContractCatalog.Names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, name + ".json")), ContractCatalog.ReadBytes(name));
        }
        Assert.Equal(Directory.GetFiles(folder, "*.json").Length, ContractCatalog.Names.Count);
    }
}
