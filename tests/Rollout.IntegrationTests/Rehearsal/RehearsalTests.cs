using System.Numerics;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Cli;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.IntegrationTests.Deployer;
using Rollout.IntegrationTests.Devchain;
using Rollout.TestSupport;
using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Rehearsal;

/// <summary>
/// <c>rollout rehearse</c> as a real process on the devchain: from nothing to Live, with the chain and the journal
/// checked afterwards, and its bad input refused before anything is written.
/// </summary>
[Collection(DevchainCollection.Name)]
public sealed class RehearsalTests(Chain chain) : IDisposable
{
    private const string Secret = "a rehearsal passphrase that must never be printed";
    private readonly TempDirectory _folder = new();
    private readonly EthClient _client = new(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(chain.Url, TimeSpan.FromSeconds(30), 0)));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TheRehearsal_GoesFromNothingToLive_UnpausingItsOwnWrappedQuilThroughItsOwnSafe()
    {
        var out_ = Path.Combine(_folder.Path, "rehearsal");

        var (code, output, error) = Rehearse("--rpc", chain.Url.ToString(), "--plan", RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"), "--out", out_);

        Assert.True(code == ExitCodes.Success, $"exit {code}\n{output}{error}");
        Assert.Contains("Live. Measured and passed:", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output + error, StringComparison.Ordinal);
        var plan = PlanReader.Read(Path.Combine(out_, "plan.yaml"));
        Assert.Equal(NetworkProfile.Rehearsal, plan.Network);
        using var journal = DeploymentJournal.OpenReadOnly(Path.Combine(out_, "deployments"), "rehearsal", TimeProvider.System); // verifies the hash chain
        Assert.Equal("Live", journal.Steps()[^1].Destination);
        string[] measured = ["ReleaseSigned", "UnlockCollecting", "EthereumResumed"];
        foreach (var step in measured) Assert.Equal("passed", journal.CheckResults().Last(r => r.Check == step).Result);
        Assert.True(File.Exists(Path.Combine(out_, "unlock", "genesis-unlock.json")));
        var deployment = Assert.Single(journal.OutsideActions(), a => a.Key.EndsWith(":deploy:WrappedQuil", StringComparison.Ordinal));
        var token = (await _client.GetTransactionReceiptAsync(Hex.Decode(deployment.HashHex)))!.ContractAddress!;
        var transactor = await ContractTransactor.ConnectAsync(_client, TimeProvider.System);
        Assert.False(await new WrappedQuilContract(transactor, token).PausedAsync());
        Assert.Equal(BigInteger.One, await new SafeContract(transactor, Address.Parse(plan.Ethereum.SafeAddress!)).GetNonceAsync());
        foreach (var keystore in Directory.GetFiles(Path.Combine(out_, "keys")))
        {
            // Encrypted, and readable by the owner only.
            Assert.Contains("\"crypto\"", await File.ReadAllTextAsync(keystore), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keystore));
        }
    }

    [Fact]
    public void AFolderThatIsNotEmpty_IsRefusedWithExit2_AndLeftAsItWas()
    {
        var out_ = Path.Combine(_folder.Path, "taken");
        Directory.CreateDirectory(out_);
        File.WriteAllText(Path.Combine(out_, "notes.txt"), "mine");

        var (code, _, error) = Rehearse("--rpc", chain.Url.ToString(), "--out", out_, "--plan", RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("is not empty", error, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(out_).Select(Path.GetFileName));
    }

    [Fact]
    public void AMainnetPlan_IsRefusedWithExit2_AndNothingIsWritten()
    {
        var out_ = Path.Combine(_folder.Path, "mainnet");

        var (code, _, error) = Rehearse("--rpc", chain.Url.ToString(), "--out", out_, "--plan", RepoPaths.Combine("ops", "samples", "plans", "mainnet.example.yaml"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("a rehearsal runs a rehearsal-profile plan only", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(out_));
    }

    private static (int ExitCode, string Output, string Error) Rehearse(params string[] args) =>
        RolloutProcess.Run(null, new Dictionary<string, string> { ["ROLLOUT_PASSPHRASE"] = Secret }, ["rehearse", .. args]);
}
