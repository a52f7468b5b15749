using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Deployer.Cli;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Quorum;
using Rollout.IntegrationTests.Devchain;
using Rollout.TestSupport;
using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Deployer;

/// <summary>
/// The real <c>rollout</c> executable killed with SIGKILL around the release and unlock steps, then resumed:
/// each step completes once, one seed is fixed, one unlock is written.
/// </summary>
[Collection(DevchainCollection.Name)]
public sealed class QuorumStepsKillTests(Chain chain) : IDisposable
{
    private const string Id = "quorum-kill";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task KilledAroundReleaseSigningAndUnlockCollection_EachStepCompletesOnceWithOneSeed()
    {
        var keys = Enumerable.Range(0, 5).Select(_ => Ed448Keys.NewPrivateKey()).ToArray();
        var plan = QuorumRehearsalPlan.Write(_dir.Path, chain.Url, keys, Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey()));
        var binary = _dir.Write(QuorumRehearsalPlan.Binary, "the 2.0 release");
        for (var slot = 1; slot <= 3; slot++) ReleaseSigner.Sign(binary, keys[slot - 1], slot);
        var home = _dir.Combine("home");
        string[] where = ["--deployment", Id, "--home", home];

        // Stage 1 passes on the simulator; ReleaseSigned passes by itself and the process dies right after its outcome is durable.
        var run = RolloutProcess.Run("ReleaseSigned:after", ["run", "--plan", plan, .. where]);
        Assert.True(run.ExitCode == RolloutProcess.KilledBySigkill, run.Output + run.Error);
        Assert.Contains("UpperLimits: passed: ", run.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Held, RolloutProcess.Run(null, ["resume", .. where]).ExitCode);  // at StasisLocked
        // StasisLocked attested; UnlockCollecting journals its anchor, then dies before its outcome.
        Assert.Equal(RolloutProcess.KilledBySigkill, Attest("UnlockCollecting:after", where).ExitCode);
        var reconciled = RolloutProcess.Run(null, ["resume", .. where]);
        Assert.True(reconciled.ExitCode == ExitCodes.Held, reconciled.Output + reconciled.Error);
        await MineAsync();
        var waiting = RolloutProcess.Run(null, ["resume", .. where]);
        Assert.True(waiting.ExitCode == ExitCodes.Held && File.Exists(_dir.Combine("unlock", UnlockCollectingCheck.RequestFileName)), waiting.Output + waiting.Error);
        var request = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.Combine("unlock", UnlockCollectingCheck.RequestFileName)));
        var seedHex = request.RootElement.GetProperty("genesisSeedHex").GetString()!;
        GenesisSeed.TryParse(Convert.FromHexString(seedHex), out var seed, out _);
        for (var i = 0; i < 3; i++) UnlockSignature.Sign(seed!, keys[i + 2]).Write(_dir.Combine("unlock", $"signer-{i}.json"));

        Assert.Equal(RolloutProcess.KilledBySigkill, RolloutProcess.Run("UnlockCollecting:after", ["resume", .. where]).ExitCode);
        var onward = RolloutProcess.Run(null, ["resume", .. where]);
        Assert.True(onward.ExitCode == ExitCodes.Held, onward.Output + onward.Error);

        using var journal = DeploymentJournal.OpenReadOnly(home, Id, TimeProvider.System);
        Assert.NotNull(Assert.Single(journal.Steps(), s => s.Destination == "ReleaseSigned").Outcome);
        Assert.Single(journal.CheckResults(), r => r.Check == "ReleaseSigned" && r.Result == "passed");
        Assert.Single(journal.CheckResults(), r => r.Check == "UnlockCollecting" && r.Result == "passed");
        Assert.Single(journal.OutsideActions(), a => a.Key == "unlock:anchor");
        Assert.Equal(seedHex, Assert.Single(journal.OutsideActions(), a => a.Key == "unlock:seed").RawHex);
        var unlock = SignedGenesisUnlock.FromJson(File.ReadAllText(_dir.Combine("unlock", UnlockCollectingCheck.UnlockFileName)), "genesis-unlock.json");
        Assert.True(unlock.Verify(new SignatorySet(keys.Select(k => Ed448Keys.PublicKeyOf(k))), QuorumRules.ReferenceUnlock(5) + 2, out var problem), problem);
    }

    private static (int ExitCode, string Output, string Error) Attest(string? faultPoint, string[] where) =>
        RolloutProcess.Run(faultPoint, ["resume", "--attest", "--note", "rehearsal: measured by hand", "--operator", "it", .. where]);

    private async Task MineAsync()
    {
        using var http = new HttpClient();
        await new JsonRpcClient(http, new JsonRpcOptions(chain.Url, TimeSpan.FromSeconds(30), 0)).CallAsync("evm_mine", []);
    }
}
