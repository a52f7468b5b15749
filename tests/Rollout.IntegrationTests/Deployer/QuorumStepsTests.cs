using System.Text.Json;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Quorum;
using Rollout.Deployer.Rollout;
using Rollout.IntegrationTests.Devchain;
using Rollout.TestSupport;
using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Deployer;

/// <summary>The release and unlock steps of the rollout machine, on a real chain and a real journal.</summary>
[Collection(DevchainCollection.Name)]
public sealed class QuorumStepsTests(Chain chain) : IDisposable
{
    private const int Signatories = 5;
    private static readonly byte[][] Keys = Enumerable.Range(0, Signatories).Select(_ => Ed448Keys.NewPrivateKey()).ToArray();
    private static readonly byte[] Beacon = Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey());
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReleaseSigned_PassesAtTheQuorumAndNamesEachFailureCause()
    {
        var plan = Plan();
        var binary = _dir.Write(QuorumRehearsalPlan.Binary, "the release");
        var check = new ReleaseSignedCheck();
        var context = new CheckContext(plan, null, TimeProvider.System);

        Assert.Equal(CheckResultKind.NotAvailable, (await check.EvaluateAsync(context)).Kind);
        ReleaseSigner.Sign(binary, Keys[0], 1);
        ReleaseSigner.Sign(binary, Keys[1], 2);
        Assert.Equal("RL-1", (await check.EvaluateAsync(context)).Cause?.Code);
        ReleaseSigner.Sign(binary, Keys[2], 3);
        var passed = await check.EvaluateAsync(context);
        Assert.Equal(CheckResultKind.Passed, passed.Kind);
        Assert.Contains("signatories #1, #2, #3", passed.Detail, StringComparison.Ordinal);

        ReleaseSigner.Sign(binary, Keys[3], 5);
        Assert.Equal("RL-2", (await check.EvaluateAsync(context)).Cause?.Code);
        File.Delete(ReleaseDigest.SignaturePath(binary, 5));
        File.AppendAllText(binary, "tampered");
        Assert.Equal("RL-3", (await check.EvaluateAsync(context)).Cause?.Code);
    }

    [Fact]
    public async Task UnlockCollecting_FixesTheSeedAfterTheAnchorAndEmitsTheUnlockAtTheQuorum()
    {
        var plan = Plan();
        using var journal = DeploymentJournal.Create(_dir.Combine("home"), "d1", TimeProvider.System);
        var context = new CheckContext(plan, journal, TimeProvider.System);
        var check = new UnlockCollectingCheck();
        var client = Client();
        var folder = _dir.Combine("unlock");

        var first = await check.EvaluateAsync(context);
        var anchor = await client.BlockNumberAsync();
        Assert.Equal(CheckResultKind.NotAvailable, first.Kind);
        Assert.Contains($"waiting for a block after #{anchor}", first.Detail, StringComparison.Ordinal);

        await MineAsync();
        var waiting = await check.EvaluateAsync(context);
        Assert.Contains("0 of 3 unlock signatures", waiting.Detail, StringComparison.Ordinal);
        var request = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, UnlockCollectingCheck.RequestFileName))).RootElement;
        var seedHex = request.GetProperty("genesisSeedHex").GetString()!;
        Assert.True(GenesisSeed.TryParse(Convert.FromHexString(seedHex), out var seed, out _));
        var stampBlock = await client.GetBlockByNumberAsync(BlockTag.Number(anchor + 1));
        Assert.Equal(stampBlock!.Hash, seed!.Blockstamp);
        Assert.Equal(Beacon, seed.Beacon);

        // A seed fixed once stays fixed: a later block does not change it.
        await MineAsync();
        await check.EvaluateAsync(context);
        Assert.Equal(seedHex, JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, UnlockCollectingCheck.RequestFileName))).RootElement.GetProperty("genesisSeedHex").GetString());

        UnlockSignature.Sign(seed, Keys[0]).Write(Path.Combine(folder, "a.json"));
        UnlockSignature.Sign(seed, Keys[1]).Write(Path.Combine(folder, "b.json"));
        (UnlockSignature.Sign(seed, Ed448Keys.NewPrivateKey()) with { PublicKeyHex = Convert.ToHexStringLower(Ed448Keys.PublicKeyOf(Keys[2])) }).Write(Path.Combine(folder, "c-forged.json"));
        var genesisBlock = await client.GetBlockByNumberAsync(BlockTag.Number(0));
        UnlockSignature.Sign(GenesisSeed.Create(plan.Release.UnlockPhrase, genesisBlock!.Hash, Beacon), Keys[3]).Write(Path.Combine(folder, "d-predated.json"));
        File.WriteAllText(Path.Combine(folder, "e-garbage.json"), "{ not json");

        var short1 = await check.EvaluateAsync(context);
        Assert.Equal(CheckResultKind.NotAvailable, short1.Kind);
        Assert.Contains("2 of 3 unlock signatures", short1.Detail, StringComparison.Ordinal);
        Assert.Contains("c-forged.json (Forged)", short1.Detail, StringComparison.Ordinal);
        Assert.Contains("d-predated.json (PreDated)", short1.Detail, StringComparison.Ordinal);
        Assert.Contains("e-garbage.json (malformed", short1.Detail, StringComparison.Ordinal);

        UnlockSignature.Sign(seed, Keys[4]).Write(Path.Combine(folder, "f.json"));
        var done = await check.EvaluateAsync(context);
        Assert.Equal(CheckResultKind.Passed, done.Kind);
        var unlock = SignedGenesisUnlock.FromJson(File.ReadAllText(Path.Combine(folder, UnlockCollectingCheck.UnlockFileName)), "genesis-unlock.json");
        Assert.True(unlock.Verify(new SignatorySet(Keys.Select(k => Ed448Keys.PublicKeyOf(k))), 3, out var problem), problem);

        var unlocked = await new UnlockedCheck().EvaluateAsync(context);
        Assert.Equal(CheckResultKind.NotAvailable, unlocked.Kind);
        Assert.Contains($"blockstamp block #{anchor + 1} after anchor #{anchor}", unlocked.Detail, StringComparison.Ordinal);

        var tampered = unlock with { Signatures = [.. unlock.Signatures.Take(2)] };
        File.WriteAllText(Path.Combine(folder, UnlockCollectingCheck.UnlockFileName), tampered.ToJson());
        Assert.Equal("UN-2", (await new UnlockedCheck().EvaluateAsync(context)).Cause?.Code);
    }

    private RolloutPlan Plan()
    {
        var path = QuorumRehearsalPlan.Write(_dir.Path, chain.Url, Keys, Beacon);
        return PlanReader.Validate(File.ReadAllBytes(path), path).PlanOrThrow();
    }

    private EthClient Client() => new(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(chain.Url, TimeSpan.FromSeconds(30), 0)));

    private async Task MineAsync()
    {
        using var http = new HttpClient();
        await new JsonRpcClient(http, new JsonRpcOptions(chain.Url, TimeSpan.FromSeconds(30), 0)).CallAsync("evm_mine", []);
    }
}
