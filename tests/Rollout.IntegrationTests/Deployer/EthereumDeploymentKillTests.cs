using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;
using Rollout.Deployer.Cli;
using Rollout.Deployer.Journal;
using Rollout.IntegrationTests.Devchain;
using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Deployer;

/// <summary>
/// The BridgeDeployedPaused step's WrappedQuil deployment on the devchain, with the real rollout process killed
/// (SIGKILL, ROLLOUT_FAULT_POINT) at every journaled point of it and resumed: exactly one contract, the
/// deployer's nonce advanced by exactly one, the step journaled once. Then a transaction the node dropped, a
/// nonce taken by a foreign transaction, and an unreachable endpoint.
/// </summary>
[Collection(DevchainCollection.Name)]
public sealed class EthereumDeploymentKillTests(Chain chain)
{
    private const string Note = "rehearsal: the unlock verified by hand";
    private readonly EthClient _client = new(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(chain.Url, TimeSpan.FromSeconds(30), 0)));

    private RehearsalDeployment Deployment => RehearsalDeployment.Shared(chain.Url);

    public static TheoryData<string> FaultPoints() =>
    [
        "BridgeDeployedPaused:before",          // the step's intent is durable, nothing signed
        "BridgeDeployedPaused.record:before",   // signed, the record not yet stored
        "BridgeDeployedPaused.record:after",    // stored, not sent
        "BridgeDeployedPaused.sent:after",      // sent (and mined at once), the receipt not yet read
        "BridgeDeployedPaused.receipt:after",   // the receipt journaled, the contract not verified, the step open
        "BridgeDeployedPaused:after",           // the step's outcome durable, the hold that follows not yet
    ];

    [Theory]
    [MemberData(nameof(FaultPoints))]
    public async Task KilledAtAJournaledPointOfTheDeployment_TheResumeDeploysExactlyOneWrappedQuil(string point)
    {
        var (home, where) = Fresh();
        var before = await NonceAsync();

        var killed = RehearsalDeployment.Rollout(point, ["resume", "--attest", "--note", Note, .. where]);
        RolloutProcess.AssertKilledAt(killed, point);
        var resumed = RehearsalDeployment.Rollout(null, ["resume", .. where]);

        Assert.True(resumed.ExitCode == ExitCodes.Held, resumed.Output + resumed.Error);
        Assert.Contains("Ethereum side verified: WrappedQuil", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(before + 1, await NonceAsync());
        var token = await AssertDeployedOnceAsync(home);
        Assert.True((await _client.GetCodeAsync(token)).Length > 0);
        using var journal = DeploymentJournal.OpenReadOnly(home, RehearsalDeployment.Id, TimeProvider.System);
        var step = Assert.Single(journal.Steps(), s => s.Destination == "BridgeDeployedPaused");
        Assert.NotNull(step.Outcome);
        Assert.Single(journal.CheckResults(), r => r.Check == "BridgeDeployedPaused");
    }

    [Fact]
    public async Task AResumeOfTheHeldStep_ReconcilesTheJournaledDeploymentAndNeverDeploysAgain()
    {
        var (home, where) = Fresh();
        var before = await NonceAsync();
        var first = RehearsalDeployment.Rollout(null, ["resume", "--attest", "--note", Note, .. where]);
        Assert.True(first.ExitCode == ExitCodes.Held, first.Output + first.Error);

        var retried = RehearsalDeployment.Rollout(null, ["resume", "--note", "look again", .. where]);

        Assert.True(retried.ExitCode == ExitCodes.Held, retried.Output + retried.Error);
        Assert.Contains("Ethereum side verified", retried.Output, StringComparison.Ordinal);
        Assert.Equal(before + 1, await NonceAsync());
        await AssertDeployedOnceAsync(home);
    }

    [Fact]
    public async Task ATransactionTheNodeDropped_IsResentWithTheSameBytes()
    {
        var (home, where) = Fresh();
        var before = await NonceAsync();
        await _client.Rpc.CallAsync("evm_setAutomine", [false]);
        try
        {
            RolloutProcess.AssertKilledAt(RehearsalDeployment.Rollout("BridgeDeployedPaused.sent:after", ["resume", "--attest", "--note", Note, .. where]), "BridgeDeployedPaused.sent:after");
            var hash = Hex.Decode(SingleAction(home).HashHex);
            Assert.NotNull(await _client.GetTransactionByHashAsync(hash));
            await _client.Rpc.CallAsync("hardhat_dropTransaction", [Hex.Encode(hash)]);
            Assert.Null(await _client.GetTransactionByHashAsync(hash));
        }
        finally
        {
            await _client.Rpc.CallAsync("evm_setAutomine", [true]);
        }

        var resumed = RehearsalDeployment.Rollout(null, ["resume", .. where]);

        Assert.True(resumed.ExitCode == ExitCodes.Held, resumed.Output + resumed.Error);
        Assert.Contains("Ethereum side verified", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(before + 1, await NonceAsync());
        await AssertDeployedOnceAsync(home);
    }

    [Fact]
    public async Task ANonceTakenByAForeignTransaction_HoldsWithExit4AndNamesTheNonceAndTheForeignHash()
    {
        var (home, where) = Fresh();
        RolloutProcess.AssertKilledAt(RehearsalDeployment.Rollout("BridgeDeployedPaused.record:after", ["resume", "--attest", "--note", Note, .. where]), "BridgeDeployedPaused.record:after");
        var ours = SingleAction(home);
        var nonce = SignedTransaction.Decode(Convert.FromHexString(ours.RawHex)).Nonce;
        using var key = Secp256k1Key.FromPrivateKey(Convert.FromHexString(RehearsalDeployment.DeployerPrivateKey));
        var foreign = new Eip1559Transaction(31337, nonce, 1_000_000_000, 100_000_000_000, 21_000, key.Address, BigInteger.Zero, []).Sign(key);
        await _client.SendRawTransactionAsync(foreign.RawBytes);
        Assert.NotNull(await _client.GetTransactionReceiptAsync(foreign.Hash));

        var resumed = RehearsalDeployment.Rollout(null, ["resume", .. where]);

        Assert.True(resumed.ExitCode == ExitCodes.Held, resumed.Output + resumed.Error);
        Assert.Contains($"nonce {nonce} of {Address.Parse(RehearsalDeployment.Deployer)} was taken by transaction {Hex.Encode(foreign.Hash)}, which is not ours", resumed.Output, StringComparison.Ordinal);
        Assert.Null(await _client.GetTransactionReceiptAsync(Hex.Decode(ours.HashHex)));
        var held = SingleAction(home);
        Assert.Equal(OutsideActionStatus.Unknown, held.Status);
        Assert.Equal(nonce + 1, await NonceAsync());
    }

    [Fact]
    public async Task AnUnreachableEndpoint_ExitsWith3AndTheResumeDeploysOnce()
    {
        var (home, where) = Fresh();
        var before = await NonceAsync();

        var unreachable = RehearsalDeployment.Rollout(null, ["resume", "--attest", "--note", Note, "--plan", Deployment.UnreachablePlanPath, .. where]);

        Assert.True(unreachable.ExitCode == ExitCodes.Unreachable, unreachable.Output + unreachable.Error);
        Assert.Contains("Unreachable during BridgeDeployedPaused", unreachable.Output, StringComparison.Ordinal);
        var resumed = RehearsalDeployment.Rollout(null, ["resume", "--plan", Deployment.PlanPath, .. where]);
        Assert.True(resumed.ExitCode == ExitCodes.Held, resumed.Output + resumed.Error);
        Assert.Contains("Ethereum side verified", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(before + 1, await NonceAsync());
        await AssertDeployedOnceAsync(home);
    }

    private (string Home, string[] Where) Fresh()
    {
        var home = Deployment.CopyHome();
        return (home, ["--deployment", RehearsalDeployment.Id, "--home", home]);
    }

    private Task<ulong> NonceAsync() => _client.GetTransactionCountAsync(Address.Parse(RehearsalDeployment.Deployer), BlockTag.Latest);

    private static OutsideAction SingleAction(string home)
    {
        using var journal = DeploymentJournal.OpenReadOnly(home, RehearsalDeployment.Id, TimeProvider.System);
        return Assert.Single(journal.OutsideActions(), a => a.Kind == JournalTransactionStore.Kind);
    }

    /// <summary>One journaled deployment, confirmed, whose receipt on the chain created the contract.</summary>
    private async Task<Address> AssertDeployedOnceAsync(string home)
    {
        var action = SingleAction(home);
        Assert.Equal((OutsideActionStatus.Confirmed, JournalTransactionStore.Kind), (action.Status, action.Kind));
        var receipt = await _client.GetTransactionReceiptAsync(Hex.Decode(action.HashHex));
        Assert.NotNull(receipt);
        Assert.True(receipt.Succeeded);
        Assert.Equal(Address.Parse(RehearsalDeployment.Deployer), receipt.From);
        return receipt.ContractAddress ?? throw new InvalidOperationException("the deployment's receipt names no contract");
    }
}
