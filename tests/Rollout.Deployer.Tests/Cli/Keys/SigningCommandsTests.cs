using System.Text.RegularExpressions;
using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Deployer.Cli;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Quorum;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Cli.Keys;

// ROLLOUT_PASSPHRASE is process-wide: every test that sets it runs in the one non-parallel collection.
[Collection(PassphraseCollection.Name)]
public sealed partial class SigningCommandsTests : IDisposable
{
    private const string Secret = "correct horse battery staple";
    private readonly TempDirectory _dir = new();

    public SigningCommandsTests() => Environment.SetEnvironmentVariable("ROLLOUT_PASSPHRASE", Secret);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ROLLOUT_PASSPHRASE", null);
        _dir.Dispose();
    }

    [Theory]
    [InlineData("ed448", "peer ID: Qm")]
    [InlineData("ed25519", "peer ID: 12D3KooW")]
    [InlineData("secp256k1", "address: 0x")]
    public async Task KeysNew_ThenShow_PrintTheSamePublicIdentityAndNeverTheSecret(string type, string identity)
    {
        var path = _dir.Combine(type + ".json");
        var (created, newOut, _) = await Run("keys", "new", "--type", type, "--out", path);
        var (shown, showOut, _) = await Run("keys", "show", "--key", path);

        Assert.Equal(0, created);
        Assert.Equal(0, shown);
        Assert.Contains(identity, showOut, StringComparison.Ordinal);
        Assert.Equal(Lines(newOut).Skip(1), Lines(showOut).Skip(1));
        using var key = Keystore.Decrypt(File.ReadAllText(path), Secret, path);
        var secretHex = Convert.ToHexStringLower(key.Secret);
        Assert.DoesNotContain(secretHex, newOut + showOut + File.ReadAllText(path), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KeysNew_OverAnExistingFile_ExitsTwoAndLeavesItAlone()
    {
        var path = _dir.Write("taken.json", "{}");

        var (code, _, stderr) = await Run("keys", "new", "--type", "ed448", "--out", path);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(path));
    }

    [Fact]
    public async Task KeysShow_WrongPassphrase_ExitsTwoWithAClearMessage()
    {
        var path = _dir.Combine("k.json");
        await Run("keys", "new", "--type", "ed448", "--out", path, "--light-kdf");
        Environment.SetEnvironmentVariable("ROLLOUT_PASSPHRASE", "not it");

        var (code, stdout, stderr) = await Run("keys", "show", "--key", path);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("passphrase", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task SignRelease_ThreeSignersOfFive_MeetTheReleaseQuorum()
    {
        var keys = await NewSigners(5);
        var binary = _dir.Write("node-2.0.0-linux-amd64", "the release");
        for (var slot = 1; slot <= 3; slot++)
        {
            Assert.Equal(0, (await Run("sign-release", "--file", binary, "--key", keys[slot - 1].Path, "--index", slot.ToString(System.Globalization.CultureInfo.InvariantCulture))).Code);
        }

        var result = ReleaseVerification.Check(binary, new SignatorySet(keys.Select(k => Convert.FromHexString(k.PublicHex))), QuorumRules.ReferenceRelease(5));

        Assert.True(result.Passed, result.Summary);
    }

    [Fact]
    public async Task SignRelease_IntoASlotAlreadySigned_ExitsTwoAndKeepsTheOtherSignature()
    {
        var keys = await NewSigners(2);
        var binary = _dir.Write("node-2.0.0-linux-amd64", "the release");
        Assert.Equal(0, (await Run("sign-release", "--file", binary, "--key", keys[0].Path, "--index", "1")).Code);
        var first = File.ReadAllBytes(binary + ".dgst.sig.1");

        // The second signatory types the first one's slot.
        var (code, _, stderr) = await Run("sign-release", "--file", binary, "--key", keys[1].Path, "--index", "1");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(".dgst.sig.1: already exists", stderr, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllBytes(binary + ".dgst.sig.1"));
        var result = ReleaseVerification.Check(binary, new SignatorySet(keys.Select(k => Convert.FromHexString(k.PublicHex))), QuorumRules.ReferenceRelease(2));
        Assert.True(result.Passed, result.Summary);
    }

    [Fact]
    public async Task SignRelease_WithASecp256k1Keystore_IsRefused()
    {
        var path = _dir.Combine("eth.json");
        await Run("keys", "new", "--type", "secp256k1", "--out", path, "--light-kdf");
        var binary = _dir.Write("node", "x");

        var (code, _, stderr) = await Run("sign-release", "--file", binary, "--key", path, "--index", "1");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("holds a secp256k1 key; this needs ed448", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(binary + ".dgst"));
    }

    [Fact]
    public async Task SignUnlock_SignerOfThePlan_WritesASignatureTheCollectorAccepts()
    {
        var keys = await NewSigners(5);
        var beacon = Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey());
        var plan = WritePlan(keys.Select(k => k.PublicHex), beacon);
        var seed = GenesisSeed.Create("resist much, obey little", Enumerable.Repeat((byte)7, 32).ToArray(), beacon);

        var (code, stdout, stderr) = await Run("sign-unlock", "--plan", plan, "--key", keys[1].Path, "--seed", seed.Hex, "--out", _dir.Combine("unlock.sig.json"));

        Assert.True(code == 0, stderr);
        Assert.Contains("as signatory #2", stdout, StringComparison.Ordinal);
        var collector = new UnlockCollector(new SignatorySet(keys.Select(k => Convert.FromHexString(k.PublicHex))), 1, seed, new HashSet<string>(), _ => false);
        Assert.Null(collector.Add(UnlockSignature.Read(_dir.Combine("unlock.sig.json"))));
        Assert.True(collector.HasQuorum);
    }

    [Fact]
    public async Task SignUnlock_SeedBindingAnotherBeacon_IsRefusedAndWritesNothing()
    {
        var keys = await NewSigners(5);
        var plan = WritePlan(keys.Select(k => k.PublicHex), Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey()));
        var foreign = GenesisSeed.Create("resist much, obey little", new byte[32], Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey()));

        var (code, _, stderr) = await Run("sign-unlock", "--plan", plan, "--key", keys[0].Path, "--seed", foreign.Hex, "--out", _dir.Combine("x.json"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not the plan's beacon", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("x.json")));
    }

    [Fact]
    public async Task SignUnlock_OverAnExistingFile_ExitsTwoAndLeavesItAlone()
    {
        var keys = await NewSigners(5);
        var beacon = Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey());
        var plan = WritePlan(keys.Select(k => k.PublicHex), beacon);
        var seed = GenesisSeed.Create("resist much, obey little", new byte[32], beacon);
        var target = _dir.Combine("unlock.sig.json");
        Assert.Equal(0, (await Run("sign-unlock", "--plan", plan, "--key", keys[0].Path, "--seed", seed.Hex, "--out", target)).Code);
        var first = File.ReadAllText(target);

        var (code, _, stderr) = await Run("sign-unlock", "--plan", plan, "--key", keys[1].Path, "--seed", seed.Hex, "--out", target);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllText(target));
    }

    [Fact]
    public async Task SignUnlock_WithoutSeed_SignsTheSeedOfTheUnlockRequestInThePlansUnlockFolder()
    {
        var keys = await NewSigners(5);
        var beacon = Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey());
        var plan = WritePlan(keys.Select(k => k.PublicHex), beacon);
        var seed = GenesisSeed.Create("resist much, obey little", Enumerable.Repeat((byte)9, 32).ToArray(), beacon);
        Directory.CreateDirectory(_dir.Combine("unlock"));
        File.WriteAllText(_dir.Combine("unlock", UnlockCollectingCheck.RequestFileName), $$"""{"genesisSeedHex": "{{seed.Hex}}", "phrase": "resist much, obey little", "quorum": 1}""");
        var target = _dir.Combine("unlock", "signer-1.json");

        var (code, stdout, stderr) = await Run("sign-unlock", "--plan", plan, "--key", keys[0].Path, "--out", target);

        Assert.True(code == 0, stderr);
        Assert.Contains("as signatory #1", stdout, StringComparison.Ordinal);
        Assert.Equal(seed.Hex, UnlockSignature.Read(target).GenesisSeedHex);
        var collector = new UnlockCollector(new SignatorySet(keys.Select(k => Convert.FromHexString(k.PublicHex))), 1, seed, new HashSet<string>(), _ => false);
        Assert.Null(collector.Add(UnlockSignature.Read(target)));
    }

    [Fact]
    public async Task SignUnlock_WithoutSeed_AndNoUnlockRequest_ExitsTwoNamingThePathAndTheOption()
    {
        var keys = await NewSigners(5);
        var plan = WritePlan(keys.Select(k => k.PublicHex), Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey()));

        var (code, _, stderr) = await Run("sign-unlock", "--plan", plan, "--key", keys[0].Path, "--out", _dir.Combine("x.json"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(_dir.Combine("unlock", "unlock-request.json") + ": no unlock request there", stderr, StringComparison.Ordinal);
        Assert.Contains("pass --seed HEX instead", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("x.json")));
    }

    [Theory]
    [InlineData("""{"phrase": "x"}""", "missing or not a string")]
    [InlineData("""{"genesisSeedHex": "\ud800"}""", "not text")]
    public async Task SignUnlock_WithoutSeed_AndARequestWithoutOne_NamesTheFileAndField(string content, string problem)
    {
        var keys = await NewSigners(5);
        var plan = WritePlan(keys.Select(k => k.PublicHex), Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey()));
        Directory.CreateDirectory(_dir.Combine("unlock"));
        var request = _dir.Write(Path.Combine("unlock", "unlock-request.json"), content);

        var (code, _, stderr) = await Run("sign-unlock", "--plan", plan, "--key", keys[0].Path, "--out", _dir.Combine("x.json"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{request}.genesisSeedHex: {problem}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUnlock_KeyThatIsNoSignatory_IsRefused()
    {
        var keys = await NewSigners(5);
        var outsider = (await NewSigners(1))[0];
        var beacon = Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey());
        var plan = WritePlan(keys.Select(k => k.PublicHex), beacon);
        var seed = GenesisSeed.Create("phrase", new byte[32], beacon);

        var (code, _, stderr) = await Run("sign-unlock", "--plan", plan, "--key", outsider.Path, "--seed", seed.Hex, "--out", _dir.Combine("x.json"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("is not one of the plan's signatories", stderr, StringComparison.Ordinal);
    }

    private async Task<(string Path, string PublicHex)[]> NewSigners(int count)
    {
        var signers = new (string, string)[count];
        for (var i = 0; i < count; i++)
        {
            var path = _dir.Combine($"signer-{Guid.NewGuid():N}.json");
            var (code, stdout, stderr) = await Run("keys", "new", "--type", "ed448", "--out", path, "--light-kdf");
            Assert.True(code == 0, stderr);
            signers[i] = (path, PublicKeyLine().Match(stdout).Groups[1].Value);
        }
        return signers;
    }

    private string WritePlan(IEnumerable<string> signatories, byte[] beacon)
    {
        var sample = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));
        var text = SignatoryList().Replace(sample, "signatories:\n" + string.Concat(signatories.Select(s => $"  - {s}\n")), 1);
        text = BeaconLine().Replace(text, "beacon: " + Convert.ToHexStringLower(beacon), 1);
        text = text.Replace("snapshots: ../snapshots", "snapshots: " + RepoPaths.Combine("ops", "samples", "snapshots"), StringComparison.Ordinal);
        return _dir.Write("plan.yaml", text);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex("public key: ([0-9a-f]+)")]
    private static partial Regex PublicKeyLine();

    [GeneratedRegex("signatories:\\n(  - [0-9a-f]+\\n)+")]
    private static partial Regex SignatoryList();

    [GeneratedRegex("beacon: [0-9a-f]+")]
    private static partial Regex BeaconLine();
}
