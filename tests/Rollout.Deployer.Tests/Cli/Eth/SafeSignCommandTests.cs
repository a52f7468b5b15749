using System.Text.RegularExpressions;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Cli;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Cli.Eth;

// One class, in a non-parallel collection: ROLLOUT_PASSPHRASE is process-wide.
[Collection(PassphraseCollection.Name)]
public sealed partial class SafeSignCommandTests : IDisposable
{
    private const string Secret = "correct horse battery staple";
    private static readonly Address SafeAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly Address Token = Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    private readonly TempDirectory _dir = new();

    public SafeSignCommandTests() => Environment.SetEnvironmentVariable("ROLLOUT_PASSPHRASE", Secret);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ROLLOUT_PASSPHRASE", null);
        _dir.Dispose();
    }

    [Fact]
    public async Task SafeSign_OwnersKeystore_WritesASignatureTheCollectorAccepts()
    {
        var (owner, address) = await NewKey("secp256k1");
        var proposal = Unpause();
        var tx = _dir.Write("unpause.safetx.json", proposal.ToJson());
        var outPath = _dir.Combine("unpause.sig.json");

        var (code, stdout, stderr) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, SafeAddress), "--key", owner, "--tx", tx, "--out", outPath);

        Assert.True(code == 0, stderr);
        var signature = SafeSignature.FromJson(File.ReadAllText(outPath), outPath);
        Assert.Equal(address, signature.Owner);
        Assert.Equal(proposal.SafeTxHash, signature.SafeTxHash);
        var collector = new SafeSignatureCollector(proposal.SafeTxHash, [address!, Address.Parse("0x00000000000000000000000000000000000000aa")], 1);
        Assert.Null(collector.Add(signature));
        Assert.Contains($"safeTxHash: {Hex.Encode(proposal.SafeTxHash)}", stdout, StringComparison.Ordinal);
        Assert.Contains("transaction: unpause wQUIL", stdout, StringComparison.Ordinal);
        using var key = Keystore.Decrypt(File.ReadAllText(owner), Secret, owner);
        Assert.DoesNotContain(Convert.ToHexStringLower(key.Secret), stdout + File.ReadAllText(outPath), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SafeSign_HashThatDoesNotMatchTheFields_IsRefusedAndWritesNothing()
    {
        var (owner, _) = await NewKey("secp256k1");
        var json = Unpause().ToJson().Replace("\"nonce\": \"7\"", "\"nonce\": \"8\"", StringComparison.Ordinal);
        var tx = _dir.Write("tampered.json", json);
        var outPath = _dir.Combine("x.sig.json");

        var (code, _, stderr) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, SafeAddress), "--key", owner, "--tx", tx, "--out", outPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("tampered.json.safeTxHash", stderr, StringComparison.Ordinal);
        Assert.Contains("is not the hash of the fields", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task SafeSign_ChainOtherThanThePlans_IsRefused()
    {
        var (owner, _) = await NewKey("secp256k1");
        var tx = _dir.Write("tx.json", (Unpause() with { ChainId = 1 }).ToJson());
        var outPath = _dir.Combine("x.sig.json");

        var (code, _, stderr) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, SafeAddress), "--key", owner, "--tx", tx, "--out", outPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("tx.json.chainId: 1 is not the plan's ethereum.chain_id 31337", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task SafeSign_SafeOtherThanThePlans_IsRefused()
    {
        var (owner, _) = await NewKey("secp256k1");
        var tx = _dir.Write("tx.json", Unpause().ToJson());
        var outPath = _dir.Combine("x.sig.json");

        var (code, _, stderr) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, Token), "--key", owner, "--tx", tx, "--out", outPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"tx.json.safe: {SafeAddress} is not the plan's ethereum.safe {Token}", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task SafeSign_Ed448Keystore_IsRefused()
    {
        var (owner, _) = await NewKey("ed448");
        var tx = _dir.Write("tx.json", Unpause().ToJson());
        var outPath = _dir.Combine("x.sig.json");

        var (code, _, stderr) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, SafeAddress), "--key", owner, "--tx", tx, "--out", outPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("holds a ed448 key; this needs secp256k1", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task SafeSign_PlanWithoutASafe_SignsAndSaysSo_ButNeverOverwritesASignature()
    {
        var (owner, address) = await NewKey("secp256k1");
        var tx = _dir.Write("tx.json", Unpause().ToJson());
        var outPath = _dir.Combine("x.sig.json");
        var plan = WritePlan(31337, null);

        var (code, stdout, stderr) = await Run("eth", "safe-sign", "--plan", plan, "--key", owner, "--tx", tx, "--out", outPath);
        var written = File.ReadAllText(outPath);
        var (again, _, againErr) = await Run("eth", "safe-sign", "--plan", plan, "--key", owner, "--tx", tx, "--out", outPath);

        Assert.True(code == 0, stderr);
        Assert.Contains("the plan names no ethereum.safe", stdout, StringComparison.Ordinal);
        Assert.Equal(address, SafeSignature.FromJson(written, outPath).RecoverSigner());
        Assert.Equal(ExitCodes.BadInput, again);
        Assert.Contains("already exists", againErr, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllText(outPath));
    }

    [Fact]
    public async Task SafeSign_TxFileWithTwoToMembers_IsRefusedNamingTheFileAndMember()
    {
        var (owner, _) = await NewKey("secp256k1");
        var json = Unpause().ToJson().Replace("{\n", "{\n  \"to\": \"0x00000000000000000000000000000000000000bb\",\n", StringComparison.Ordinal);
        var tx = _dir.Write("two-to.json", json);
        var outPath = _dir.Combine("x.sig.json");

        var (code, stdout, stderr) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, SafeAddress), "--key", owner, "--tx", tx, "--out", outPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("two-to.json.to: appears more than once", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("safeTxHash:", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task SafeSign_DescriptionWithControlCharacters_IsPrintedEscaped()
    {
        var (owner, _) = await NewKey("secp256k1");
        var tx = _dir.Write("tx.json", (Unpause() with { Description = "unpause\rcall: call 0x00000000000000000000000000000000000000bb\u001b[2K\u202e" }).ToJson());
        var outPath = _dir.Combine("x.sig.json");

        var (code, stdout, stderr) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, SafeAddress), "--key", owner, "--tx", tx, "--out", outPath);

        Assert.True(code == 0, stderr);
        Assert.Contains("transaction: unpause\\u000dcall: call 0x00000000000000000000000000000000000000bb\\u001b[2K\\u202e\n", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', stdout);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.DoesNotContain('\u202e', stdout);
    }

    [Fact]
    public async Task SafeSign_WrongPassphrase_HasAlreadyShownWhatWouldBeSigned()
    {
        var (owner, _) = await NewKey("secp256k1");
        var proposal = Unpause();
        var tx = _dir.Write("tx.json", proposal.ToJson());
        var outPath = _dir.Combine("x.sig.json");
        Environment.SetEnvironmentVariable("ROLLOUT_PASSPHRASE", "not the passphrase");

        var (code, stdout, _) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, SafeAddress), "--key", owner, "--tx", tx, "--out", outPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("transaction: unpause wQUIL", stdout, StringComparison.Ordinal);
        Assert.Contains($"safe: {SafeAddress} on chain 31337, nonce 7", stdout, StringComparison.Ordinal);
        Assert.Contains($"call: call {Token} value 0 data 0x3f4ba83a", stdout, StringComparison.Ordinal);
        Assert.Contains($"safeTxHash: {Hex.Encode(proposal.SafeTxHash)}", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task SafeSign_SignatureFileCreatedWhileThePassphraseIsAsked_IsNotReplaced()
    {
        var (owner, _) = await NewKey("secp256k1");
        var tx = _dir.Write("tx.json", Unpause().ToJson());
        var outPath = _dir.Combine("x.sig.json");
        var plan = WritePlan(31337, SafeAddress);
        // The summary is printed after the up-front "already exists" check and before the key is opened:
        // another process creating the file at that moment is the race the final rename must lose.
        using var stdout = new ActionOnLineWriter("safeTxHash:", () => File.WriteAllText(outPath, "another owner's signature"));
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["eth", "safe-sign", "--plan", plan, "--key", owner, "--tx", tx, "--out", outPath], stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{outPath}: already exists", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("another owner's signature", File.ReadAllText(outPath));
        Assert.DoesNotContain(Directory.GetFiles(_dir.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    private sealed class ActionOnLineWriter(string prefix, Action action) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal)) action();
        }
    }

    [Fact]
    public async Task SafeSign_WithoutTx_SignsTheUnpauseSafeTxInThePlansSafeFolder()
    {
        var (owner, address) = await NewKey("secp256k1");
        var proposal = Unpause();
        var plan = WritePlan(31337, SafeAddress);
        Directory.CreateDirectory(_dir.Combine("safe"));
        File.WriteAllText(_dir.Combine("safe", "unpause-safetx.json"), proposal.ToJson());
        var outPath = _dir.Combine("safe", "owner-1.json");

        var (code, stdout, stderr) = await Run("eth", "safe-sign", "--plan", plan, "--key", owner, "--out", outPath);

        Assert.True(code == 0, stderr);
        var signature = SafeSignature.FromJson(File.ReadAllText(outPath), outPath);
        Assert.Equal(proposal.SafeTxHash, signature.SafeTxHash);
        Assert.Equal(address, signature.RecoverSigner());
        Assert.Contains($"safeTxHash: {Hex.Encode(proposal.SafeTxHash)}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SafeSign_WithoutTx_AndNoSafeTxInTheSafeFolder_ExitsTwoNamingThePathAndTheOption()
    {
        var (owner, _) = await NewKey("secp256k1");
        var outPath = _dir.Combine("x.sig.json");

        var (code, _, stderr) = await Run("eth", "safe-sign", "--plan", WritePlan(31337, SafeAddress), "--key", owner, "--out", outPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(_dir.Combine("safe", "unpause-safetx.json") + ": no unpause SafeTx there", stderr, StringComparison.Ordinal);
        Assert.Contains("pass --tx FILE", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    private static SafeTxProposal Unpause() => SafeTxProposal.Call(SafeAddress, 31337, Token, [0x3f, 0x4b, 0xa8, 0x3a], 7, description: "unpause wQUIL");

    private async Task<(string Path, Address? Address)> NewKey(string type)
    {
        var path = _dir.Combine($"{type}-{Guid.NewGuid():N}.json");
        var (code, stdout, stderr) = await Run("keys", "new", "--type", type, "--out", path, "--light-kdf");
        Assert.True(code == 0, stderr);
        var match = AddressLine().Match(stdout);
        return (path, match.Success ? Address.Parse(match.Groups[1].Value) : null);
    }

    private string WritePlan(ulong chainId, Address? safe)
    {
        var text = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));
        text = text.Replace("snapshots: ../snapshots", "snapshots: " + RepoPaths.Combine("ops", "samples", "snapshots"), StringComparison.Ordinal);
        text = text.Replace("  chain_id: 31337\n", $"  chain_id: {chainId}\n" + (safe is null ? "" : $"  safe: {safe.ToLowerHex()}\n"), StringComparison.Ordinal);
        return _dir.Write($"plan-{Guid.NewGuid():N}.yaml", text);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex("address: (0x[0-9a-fA-F]{40})")]
    private static partial Regex AddressLine();
}
