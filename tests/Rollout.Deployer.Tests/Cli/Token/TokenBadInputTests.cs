using Rollout.Deployer.Cli;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Cli.Token;

/// <summary>Inputs that once escaped the CLI as a crash, a half-written --out or an hours-long decode: each must exit 2.</summary>
public sealed class TokenBadInputTests
{
    private const string A = "0x00000000000000000000000000000000000000000000000000000000000000aa";

    [Fact]
    public async Task Build_LoneSurrogateEscapeInARetro_ExitsTwoNamingIndexAndField()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/first_retro.json", """[{"peerId":"\ud800","reward":"1"}]""");

        var (code, stdout, stderr) = await Run("token", "build", "--snapshots", dir.Combine("snap"), "--out", dir.Combine("out"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: first_retro.json[0].peerId: ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task Build_GenesisJsonIsAFolderInOut_ExitsTwoAndLeavesOutUnchanged()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},1\n");
        dir.Write("out/tree.json", "previous tree");
        dir.Write("out/genesis.json/inside.txt", "kept");

        var (code, _, stderr) = await Run("token", "build", "--snapshots", dir.Combine("snap"), "--out", dir.Combine("out"));

        Assert.Equal(2, code);
        Assert.Contains("genesis.json", stderr, StringComparison.Ordinal);
        Assert.Equal("previous tree", File.ReadAllText(dir.Combine("out", "tree.json")));
        Assert.Equal("kept", File.ReadAllText(dir.Combine("out", "genesis.json", "inside.txt")));
        Assert.Equal(["inside.txt"], Directory.GetFileSystemEntries(dir.Combine("out", "genesis.json")).Select(Path.GetFileName));
        Assert.Equal(["genesis.json", "tree.json"], Directory.GetFileSystemEntries(dir.Combine("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Directory.GetDirectories(dir.Path), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public async Task Prove_MillionCharacterPeerId_ExitsTwoAsTooLong()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},1\n");
        Assert.Equal(0, (await Run("token", "build", "--snapshots", dir.Combine("snap"), "--out", dir.Combine("out"))).Code);

        var (code, _, stderr) = await Run("token", "prove", "--tree", dir.Combine("out", "tree.json"), "--peer-id", new string('z', 1_000_000));

        Assert.Equal(2, code);
        Assert.Contains("1000000 characters is longer than any peer ID", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
