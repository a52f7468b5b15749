using System.Numerics;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Cli;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Rehearsal;
using Rollout.IntegrationTests.Devchain;
using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Deployer;

/// <summary>
/// The EthereumResumed step against a real 2-of-3 Safe on the devchain: the deployer writes the unpause SafeTx,
/// two owners sign it with <c>rollout eth safe-sign</c>, and the deployer sends <c>execTransaction</c> through the
/// journal's write-ahead records; the real process is killed (SIGKILL, ROLLOUT_FAULT_POINT) at every journaled
/// point and resumed: the Safe executes exactly once, the deployer sends exactly one transaction, wQUIL ends
/// unpaused and the rollout Live. Then the refusals: too few, foreign and malformed signatures, and owners who
/// used the Safe's nonce for something else first.
/// </summary>
[Collection(DevchainCollection.Name)]
public sealed class EthereumResumedKillTests(Chain chain)
{
    private const string Note = "rehearsal: node side measured by hand";
    private readonly EthClient _client = new(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(chain.Url, TimeSpan.FromSeconds(30), 0)));

    private RehearsalDeployment Deployment => RehearsalDeployment.Shared(chain.Url);

    public static TheoryData<string> FaultPoints() =>
    [
        "EthereumResumed.proposal:after",   // the SafeTx journaled, its file not yet written
        "EthereumResumed:before",           // signatures collected on the retry; the step's intent durable, nothing sent
        "EthereumResumed.record:before",    // execTransaction signed, the record not yet stored
        "EthereumResumed.record:after",     // stored, not sent
        "EthereumResumed.sent:after",       // sent (and mined at once), the receipt not yet read
        "EthereumResumed.receipt:after",    // the receipt journaled, the Safe's event and paused() not yet read
        "EthereumResumed:after",            // the step's pass durable, Live not yet
    ];

    [Theory]
    [MemberData(nameof(FaultPoints))]
    public async Task KilledAtAJournaledPointOfTheUnpause_TheResumeExecutesTheSafeTransactionExactlyOnce(string point)
    {
        _ = Deployment; // the template is built first: it sends nothing from the deployer's account
        var deployerBefore = await DeployerNonceAsync();
        var inProposal = point.StartsWith("EthereumResumed.proposal", StringComparison.Ordinal);
        var run = await HeldAtEthereumResumedAsync(inProposal ? point : null);
        if (inProposal)
        {
            Assert.False(File.Exists(run.ProposalFile));
            Expect(ExitCodes.Held, Rollout(null, ["resume", .. run.Where]));
        }
        var safeNonce = await SafeNonceAsync();
        Sign(run, 0);
        Sign(run, 2);

        var killed = inProposal ? default : Rollout(point, ["resume", .. run.Where]);
        if (!inProposal) RolloutProcess.AssertKilledAt(killed, point);
        var resumed = Rollout(null, ["resume", .. run.Where]);

        Expect(ExitCodes.Success, resumed);
        Assert.Matches("Live: every step passed or was attested by an operator \\(attested: .*BridgeUnpaused\\)", resumed.Output);
        Assert.Contains("EthereumResumed: passed", killed.Output + resumed.Output, StringComparison.Ordinal); // at :after the pass was durable before the kill
        Assert.Equal(safeNonce + 1, await SafeNonceAsync());
        Assert.Equal(deployerBefore + 2, await DeployerNonceAsync()); // the WrappedQuil deployment and one execTransaction
        Assert.False(await IsPausedAsync(run.Token));
        using var journal = DeploymentJournal.OpenReadOnly(run.Home, RehearsalDeployment.Id, TimeProvider.System);
        var exec = Assert.Single(journal.OutsideActions(), a => a.Key.Contains(":exec:", StringComparison.Ordinal));
        Assert.Equal(OutsideActionStatus.Confirmed, exec.Status);
        Assert.Single(journal.OutsideActions(), a => a.Kind == "safe-proposal");
        var receipt = await _client.GetTransactionReceiptAsync(Hex.Decode(exec.HashHex));
        Assert.True(receipt is { Succeeded: true });
        Assert.True(SafeContract.ReadExecution(receipt, Address.Parse(Deployment.Safe)).Succeeded);
        Assert.Single(journal.CheckResults(), r => r.Check == "EthereumResumed" && r.Result == "passed");
        Assert.Equal("Live", journal.Steps()[^1].Destination);
    }

    [Fact]
    public async Task TooFewForeignAndMalformedSignatures_HoldAndNameEachRefusal_AndOwnersUsingTheNonceFirst_HoldWithNothingSent()
    {
        var run = await HeldAtEthereumResumedAsync(null);
        Sign(run, 0);
        Expect(0, RehearsalDeployment.Rollout(null, ["eth", "safe-sign", "--plan", run.Plan, "--key", Deployment.DeployerKeystore, "--tx", run.ProposalFile, "--out", Path.Combine(run.SafeFolder, "stranger.json")]));
        File.WriteAllText(Path.Combine(run.SafeFolder, "broken.json"), "{\"owner\": 12}");

        var short1 = Rollout(null, ["resume", .. run.Where]);

        Expect(ExitCodes.Held, short1);
        Assert.Contains("1 of 2 owner signatures", short1.Output, StringComparison.Ordinal);
        Assert.Contains($"stranger.json ({Address.Parse(RehearsalDeployment.Deployer)} is not an owner of the Safe)", short1.Output, StringComparison.Ordinal);
        Assert.Contains("broken.json (malformed:", short1.Output, StringComparison.Ordinal);

        // The owners spend the proposal's nonce on another Safe transaction before the deployer could send.
        var safe = await SafeAsync();
        var other = await safe.ProposeCallAsync(Address.Parse(Deployment.Safe), [], "something else");
        var collector = new SafeSignatureCollector(other.SafeTxHash, Deployment.Owners, 2);
        foreach (var owner in Deployment.OwnerKeys.Take(2)) Assert.Null(collector.Add(SafeSignature.SignHash(other.SafeTxHash, owner)));
        await RehearsalChain.FundAsync(_client, Deployment.OwnerKeys[0].Address);
        Assert.True((await safe.ExecTransactionAsync(other.Tx, collector.Packed(), Deployment.OwnerKeys[0])).Succeeded);
        Sign(run, 2);
        var deployerBefore = await DeployerNonceAsync();

        var moved = Rollout(null, ["resume", .. run.Where]);

        Expect(ExitCodes.Held, moved);
        Assert.Contains($"the Safe's nonce is {other.Tx.Nonce + 1}", moved.Output, StringComparison.Ordinal);
        Assert.Contains($"was fixed at nonce {other.Tx.Nonce}", moved.Output, StringComparison.Ordinal);
        Assert.Equal(deployerBefore, await DeployerNonceAsync());
        Assert.True(await IsPausedAsync(run.Token));
        using var journal = DeploymentJournal.OpenReadOnly(run.Home, RehearsalDeployment.Id, TimeProvider.System);
        Assert.DoesNotContain(journal.OutsideActions(), a => a.Key.Contains(":exec:", StringComparison.Ordinal));
    }

    private sealed record Run(string Home, string[] Where, string Plan, string SafeFolder, Address Token)
    {
        public string ProposalFile => Path.Combine(SafeFolder, "unpause-safetx.json");
    }

    /// <summary>
    /// A copy of the template (held at ProverEnrollment) with its own Safe folder, walked to EthereumResumed: the
    /// operator attests ProverEnrollment (BridgeDeployedPaused then deploys this run's own WrappedQuil), the steps
    /// whose node side cannot be measured yet, and BridgeUnpaused; EthereumResumed then proposes the unpause
    /// (killed at <paramref name="faultPoint"/> when one is given) and holds for signatures.
    /// </summary>
    private async Task<Run> HeldAtEthereumResumedAsync(string? faultPoint)
    {
        var (plan, folder) = Deployment.PlanWithOwnSafeFolder();
        var home = Deployment.CopyHome();
        string[] where = ["--deployment", RehearsalDeployment.Id, "--home", home];
        Expect(ExitCodes.Held, Rollout(null, ["resume", "--attest", "--note", Note, "--plan", plan, .. where]));
        for (var step = 0; step < 4; step++) Expect(ExitCodes.Held, Rollout(null, ["resume", "--attest", "--note", Note, .. where]));
        var proposing = Rollout(faultPoint, ["resume", "--attest", "--note", Note, .. where]);
        if (faultPoint is null)
        {
            Expect(ExitCodes.Held, proposing);
            Assert.Contains("0 of 2 owner signatures", proposing.Output, StringComparison.Ordinal);
        }
        else
        {
            RolloutProcess.AssertKilledAt(proposing, faultPoint);
        }
        using var journal = DeploymentJournal.OpenReadOnly(home, RehearsalDeployment.Id, TimeProvider.System);
        var deployment = Assert.Single(journal.OutsideActions(), a => a.Key.EndsWith(":deploy:WrappedQuil", StringComparison.Ordinal));
        var token = (await _client.GetTransactionReceiptAsync(Hex.Decode(deployment.HashHex)))?.ContractAddress ?? throw new InvalidOperationException("no WrappedQuil deployed");
        Assert.True(await IsPausedAsync(token));
        return new Run(home, where, plan, folder, token);
    }

    private void Sign(Run run, int owner) =>
        Expect(0, RehearsalDeployment.Rollout(null, ["eth", "safe-sign", "--plan", run.Plan, "--key", Deployment.OwnerKeystores[owner], "--tx", run.ProposalFile, "--out", Path.Combine(run.SafeFolder, $"owner{owner}.json")]));

    private static (int ExitCode, string Output, string Error) Rollout(string? faultPoint, string[] args) => RehearsalDeployment.Rollout(faultPoint, args);

    private async Task<ContractTransactor> TransactorAsync() =>
        await ContractTransactor.ConnectAsync(_client, TimeProvider.System, new ContractTransactorOptions(PollInterval: TimeSpan.FromMilliseconds(20)));

    private async Task<SafeContract> SafeAsync() => new(await TransactorAsync(), Address.Parse(Deployment.Safe));

    private async Task<bool> IsPausedAsync(Address token) => await new WrappedQuilContract(await TransactorAsync(), token).PausedAsync();

    private async Task<BigInteger> SafeNonceAsync() => await (await SafeAsync()).GetNonceAsync();

    private Task<ulong> DeployerNonceAsync() => _client.GetTransactionCountAsync(Address.Parse(RehearsalDeployment.Deployer), BlockTag.Latest);

    private static void Expect(int exitCode, (int ExitCode, string Output, string Error) result) =>
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}\n{result.Output}{result.Error}");
}
