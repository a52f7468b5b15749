using System.Text.Json.Nodes;
using Rollout.Deployer.Cli;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Cli.Token;

public sealed class TokenCommandsTests
{
    private const string A = "0x00000000000000000000000000000000000000000000000000000000000000aa";
    private const string B = "0x7700000000000000000000000000000000000000000000000000000000000000";
    private const string C = "0x00000000000000000000000000000000000000000000000000000000000000cc";
    private const string SampleRoot = "0xe9d8f2c37eb7ee3cac29e2debf64e1872be195db7781af73bba0a94fa3ee478a";

    [Fact]
    public async Task Build_CsvFolder_WritesGenesisAndTreeAndPrintsTheRootLast()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},12.5\n{B},3\n{C},0.000000000125\n");

        var (code, stdout, _) = await Build(dir);

        Assert.Equal(0, code);
        var genesis = JsonNode.Parse(File.ReadAllText(dir.Combine("out", "genesis.json")))!;
        var root = genesis["root"]!.GetValue<string>();
        Assert.Equal(root, stdout.TrimEnd().Split('\n')[^1]);
        Assert.Equal([A, C, B], genesis["allocations"]!.AsArray().Select(a => a!["address"]!.GetValue<string>()));
        Assert.Equal("124000000001", genesis["totalAmount"]!.GetValue<string>());
        Assert.Equal("0", genesis["bridge"]!["amount"]!.GetValue<string>());

        var loaded = JsonNode.Parse(NodeOracle.Run("merkle.mjs", new JsonObject { ["load"] = JsonNode.Parse(File.ReadAllText(dir.Combine("out", "tree.json"))) }.ToJsonString()))!;
        Assert.Equal(root, loaded["loaded"]!["root"]!.GetValue<string>());
        Assert.All(loaded["loaded"]!["verified"]!.AsArray(), v => Assert.True(v!.GetValue<bool>()));
    }

    [Fact]
    public async Task Prove_ThenVerify_AcceptsTheProofAndRejectsAnotherAmount()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},12.5\n{B},3\n{C},7\n");
        Assert.Equal(0, (await Build(dir)).Code);

        var (code, stdout, _) = await Run("token", "prove", "--tree", dir.Combine("out", "tree.json"), "--address", B);
        Assert.Equal(0, code);
        var answer = JsonNode.Parse(stdout)!;
        Assert.Equal(B, answer["address"]!.GetValue<string>());
        Assert.Equal("24000000000", answer["amount"]!.GetValue<string>());
        var proof = answer["proof"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        var root = answer["root"]!.GetValue<string>();

        Assert.Equal(0, (await Run("token", "verify", "--root", root, "--address", B, "--amount", "24000000000", "--proof", string.Join(',', proof))).Code);
        Assert.Equal(1, (await Run("token", "verify", "--root", root, "--address", B, "--amount", "24000000001", "--proof", string.Join(',', proof))).Code);
        Assert.Equal(1, (await Run("token", "verify", "--root", root, "--address", A, "--amount", "24000000000", "--proof", string.Join(',', proof))).Code);

        var oracle = JsonNode.Parse(NodeOracle.Run("merkle.mjs", new JsonObject
        {
            ["verify"] = new JsonArray(new JsonObject { ["root"] = root, ["value"] = new JsonArray(B, "24000000000"), ["proof"] = new JsonArray(proof.Select(p => (JsonNode)p).ToArray()) }),
        }.ToJsonString()))!;
        Assert.True(oracle["verified"]![0]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_OneLeafTree_TakesAnEmptyProof()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},1\n");
        var (_, stdout, _) = await Build(dir);
        var root = stdout.TrimEnd().Split('\n')[^1];
        Assert.Equal(0, (await Run("token", "verify", "--root", root, "--address", A, "--amount", "8000000000", "--proof", "")).Code);
    }

    [Fact]
    public async Task Prove_AddressWithoutAllocation_ExitsOne()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},1\n");
        await Build(dir);
        var (code, _, stderr) = await Run("token", "prove", "--tree", dir.Combine("out", "tree.json"), "--address", C);
        Assert.Equal(1, code);
        Assert.Contains("has no allocation", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--peer-id", "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N", "--address", A)]
    [InlineData("--tree-only", "", "", "")]
    public async Task Prove_NeitherOrBothOfPeerIdAndAddress_ExitsTwo(string option1, string value1, string option2, string value2)
    {
        using var dir = new TempDirectory();
        var args = new List<string> { "token", "prove", "--tree", dir.Combine("tree.json") };
        if (option1 != "--tree-only") args.AddRange([option1, value1, option2, value2]);
        var (code, _, stderr) = await Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains("exactly one of --peer-id and --address", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--root", "0x12", "--root")]
    [InlineData("--amount", "1.5", "--amount")]
    [InlineData("--amount", "-1", "--amount")]
    [InlineData("--address", "0xzz", "--address")]
    [InlineData("--proof", "0x1234,0x56", "--proof[0]")]
    public async Task Verify_MalformedArgument_ExitsTwoNamingIt(string option, string value, string named)
    {
        var args = new Dictionary<string, string>
        {
            ["--root"] = "0x" + new string('1', 64),
            ["--address"] = A,
            ["--amount"] = "1",
            ["--proof"] = "0x" + new string('2', 64),
        };
        args[option] = value;
        var (code, _, stderr) = await Run(["token", "verify", .. args.SelectMany(p => new[] { p.Key, p.Value })]);
        Assert.Equal(2, code);
        Assert.Contains("error: " + named, stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> MalformedSnapshots => new()
    {
        { "first_retro.json", "[{\"peerId\": \"Qm\"", "first_retro.json: is not valid JSON" },
        { "first_retro.json", "[{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":137558}]", "first_retro.json[0].reward: expected a string, found a number" },
        { "first_retro.json", "[{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":\"1\"},{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":\"1\"}]", "first_retro.json[1].peerId: \"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\" already appears at index 0" },
        { "second_retro.json", "[{\"peerId\":\"QmO0\",\"reward\":\"1\"}]", "second_retro.json[0].peerId: \"QmO0\" is not a peer ID: character 'O'" },
        { "third_retro.json", "[{\"peerId\":\"11111111\",\"reward\":\"1\"}]", "third_retro.json[0].peerId: \"11111111\" is not a peer ID: multihash" },
        { "fourth_retro.json", "[{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":\"-3\"}]", "fourth_retro.json[0].reward: \"-3\" is negative" },
        { "fourth_retro.json", "[{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":\"0.0000000001\"}]", "fourth_retro.json[0].reward: \"0.0000000001\" is not a whole number of units" },
        { "fourth_retro.json", "[{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":\"1e3\"}]", "fourth_retro.json[0].reward: \"1e3\" uses an exponent" },
        { "fourth_retro.json", "[{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":\"+3\"}]", "fourth_retro.json[0].reward: \"+3\" has a sign" },
        { "fourth_retro.json", "[{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":\"3 \"}]", "fourth_retro.json[0].reward: \"3 \" has whitespace" },
        { "fourth_retro.json", "[{\"peerId\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"reward\":\"" + new string('9', 90) + "\"}]", "fourth_retro.json[0].reward: " },
        { "first_retro.json", "[[]]", "first_retro.json[0]: expected an object, found an array" },
        { "first_retro.json", "[null]", "first_retro.json[0]: expected an object, found null" },
        { "first_retro.json", "\uFEFF[]", "first_retro.json: starts with a byte order mark" },
        { "ceremony_vouchers.json", "[\"0x12\", 7]", "ceremony_vouchers.json[1]: expected a voucher key string, found a number" },
        { "bridged.json", "[{\"amount\":\"5\",\"identifier\":\"bridge-me\",\"variant\":\"peer\"}]", "bridged.json[0].identifier: \"bridge-me\" is not a peer ID" },
        { "bridged.json", "[{\"amount\":\"0\",\"identifier\":\"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\",\"variant\":\"peer\"}]", "bridged.json[0].amount: \"0\" is zero" },
        { "extra.csv", "addr,amount\n" + A + ",1\n", "extra.csv:1.header: must be exactly address,amount" },
        { "extra.csv", "address,amount\n0x12,1\n", "extra.csv:2.address: \"0x12\" is not an address" },
        { "extra.csv", "address,amount\n" + A + ",1\n" + A + ",2\n", "extra.csv:3.address: " + A + " already appears on line 2" },
        { "notes.txt", "hello", "notes.txt: is not a snapshot this builder reads" },
    };

    [Theory]
    [MemberData(nameof(MalformedSnapshots))]
    public async Task Build_MalformedSnapshot_ExitsTwoNamingItAndLeavesOutUntouched(string file, string content, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("snap/good.csv", $"address,amount\n{C},1\n");
        dir.Write("snap/" + file, content);
        dir.Write("out/genesis.json", "previous genesis");

        var (code, stdout, stderr) = await Build(dir);

        Assert.Equal(2, code);
        Assert.StartsWith("error: " + message, stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Equal(["genesis.json"], Directory.GetFiles(dir.Combine("out")).Select(Path.GetFileName));
        Assert.Equal("previous genesis", File.ReadAllText(dir.Combine("out", "genesis.json")));
        Assert.DoesNotContain(Directory.GetDirectories(dir.Path), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public async Task Build_FileThatIsNotUtf8_ExitsTwo()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("snap"));
        File.WriteAllBytes(dir.Combine("snap", "extra.csv"), [.. "address,amount\n"u8, 0xFF, 0xFE, .. "\n"u8]);
        var (code, _, stderr) = await Build(dir);
        Assert.Equal(2, code);
        Assert.StartsWith("error: extra.csv: is not UTF-8", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task Build_EmptyFolder_ExitsTwoAndCreatesNothing()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("snap"));
        var (code, _, stderr) = await Build(dir);
        Assert.Equal(2, code);
        Assert.Contains("holds no snapshot file", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task Build_TotalOverTheSupplyCap_ExitsTwoAndCreatesNothing()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},1\n{B},1\n");
        var (code, _, stderr) = await Build(dir, "--supply-cap", "15999999999");
        Assert.Equal(2, code);
        Assert.StartsWith("error: extra.csv:3: the total of 16000000000 units exceeds the supply cap of 15999999999 units", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task Build_OutThatIsAFile_ExitsTwoAndLeavesItAlone()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},1\n");
        dir.Write("out", "a file");
        var (code, _, stderr) = await Build(dir);
        Assert.Equal(2, code);
        Assert.Contains("is a file, not a folder", stderr, StringComparison.Ordinal);
        Assert.Equal("a file", File.ReadAllText(dir.Combine("out")));
    }

    [Fact]
    public async Task Build_OutUnderAMissingFolder_ExitsTwo()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},1\n");
        var (code, _, stderr) = await Run("token", "build", "--snapshots", dir.Combine("snap"), "--out", dir.Combine("missing", "out"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("missing")));
    }

    [Fact]
    public async Task Build_AgainIntoAnExistingOut_ReplacesBothFiles()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/extra.csv", $"address,amount\n{A},1\n");
        await Build(dir);
        dir.Write("snap/extra.csv", $"address,amount\n{A},2\n");
        var (code, stdout, _) = await Build(dir);
        Assert.Equal(0, code);
        Assert.Equal(stdout.TrimEnd().Split('\n')[^1], JsonNode.Parse(File.ReadAllText(dir.Combine("out", "genesis.json")))!["root"]!.GetValue<string>());
        Assert.Contains("16000000000", File.ReadAllText(dir.Combine("out", "tree.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_BridgeAddressSetting_ReceivesTheBridgedSum()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/bridged.json", """[{"amount":"2.5","identifier":"0xabcd","variant":"voucher"}]""");
        var (code, _, _) = await Build(dir, "--bridge-address", B);
        Assert.Equal(0, code);
        var genesis = JsonNode.Parse(File.ReadAllText(dir.Combine("out", "genesis.json")))!;
        Assert.Equal(B, genesis["bridge"]!["address"]!.GetValue<string>());
        Assert.Equal("20000000000", genesis["allocations"]![0]!["amount"]!.GetValue<string>());
    }

    [Fact]
    public async Task Build_SampleFolder_GivesTheIndependentlyComputedRoot()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = await Run("token", "build", "--snapshots", RepoPaths.Combine("ops", "samples", "snapshots"), "--out", dir.Combine("out"));
        Assert.True(code == 0, stderr);
        Assert.Equal(SampleRoot, stdout.TrimEnd().Split('\n')[^1]);
        Assert.Equal(18, JsonNode.Parse(File.ReadAllText(dir.Combine("out", "genesis.json")))!["allocationCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Prove_PeerIdOfTheSample_GivesAProofThatVerifies()
    {
        using var dir = new TempDirectory();
        await Run("token", "build", "--snapshots", RepoPaths.Combine("ops", "samples", "snapshots"), "--out", dir.Combine("out"));
        // Bridged, so paid only its third and fourth retro rewards: 1024.5 + 333.333333333 QUIL.
        var (code, stdout, stderr) = await Run("token", "prove", "--tree", dir.Combine("out", "tree.json"), "--peer-id", "QmZDNptNSCpkvqUVvxzMAzyrtsTNafuXEjZQVBDcF1RaXc");
        Assert.True(code == 0, stderr);
        var answer = JsonNode.Parse(stdout)!;
        Assert.Equal("10862666666664", answer["amount"]!.GetValue<string>());
        var proof = string.Join(',', answer["proof"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(0, (await Run("token", "verify", "--root", SampleRoot, "--address", answer["address"]!.GetValue<string>(), "--amount", "10862666666664", "--proof", proof)).Code);
    }

    // Inputs that once escaped the CLI as a crash, a half-written --out or an hours-long decode: each must exit 2.
    [Fact]
    public async Task Build_LoneSurrogateEscapeInARetro_ExitsTwoNamingIndexAndField()
    {
        using var dir = new TempDirectory();
        dir.Write("snap/first_retro.json", """[{"peerId":"\ud800","reward":"1"}]""");

        var (code, stdout, stderr) = await Build(dir);

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

        var (code, _, stderr) = await Build(dir);

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
        Assert.Equal(0, (await Build(dir)).Code);

        var (code, _, stderr) = await Run("token", "prove", "--tree", dir.Combine("out", "tree.json"), "--peer-id", new string('z', 1_000_000));

        Assert.Equal(2, code);
        Assert.Contains("1000000 characters is longer than any peer ID", stderr, StringComparison.Ordinal);
    }

    /// <summary><c>token build</c> from the folder's <c>snap</c> into its <c>out</c>, with <paramref name="extra"/> options.</summary>
    private static Task<(int Code, string Stdout, string Stderr)> Build(TempDirectory dir, params string[] extra) =>
        Run(["token", "build", "--snapshots", dir.Combine("snap"), "--out", dir.Combine("out"), .. extra]);

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
