using System.Numerics;
using System.Text;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Ethereum;
using Rollout.Deployer.Faults;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Ethereum;

public sealed class EthereumResumedCheckTests : IDisposable
{
    private const string Safe = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static readonly Address Token = Address.Parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private readonly TempDirectory _home = new();
    private readonly Secp256k1Key[] _owners = [Secp256k1Key.Generate(), Secp256k1Key.Generate(), Secp256k1Key.Generate()];

    public void Dispose()
    {
        foreach (var owner in _owners) owner.Dispose();
        _home.Dispose();
    }

    private static RolloutPlan Plan(string ethereumExtra)
    {
        var text = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));
        const string find = "  confirmations: 1\n";
        text = text.Replace(find, find + ethereumExtra, StringComparison.Ordinal);
        return PlanReader.Validate(Encoding.UTF8.GetBytes(text), RepoPaths.Combine("ops", "samples", "plans", "test.yaml")).PlanOrThrow();
    }

    private static EthereumResumedCheck NeverConnects() =>
        new(() => throw new InvalidOperationException("no passphrase may be asked"), _ => throw new InvalidOperationException("no endpoint may be contacted"));

    [Fact]
    public void TheSafeFolder_DefaultsToSafeBesideThePlan_AndAnEmptyOneIsAPlanProblem()
    {
        Assert.Equal("safe", Plan("").Ethereum.SafeFolder);
        Assert.Equal("owners/signatures", Plan("  safe_folder: owners/signatures\n").Ethereum.SafeFolder);
        var text = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml")).Replace("  confirmations: 1\n", "  confirmations: 1\n  safe_folder: \"\"\n", StringComparison.Ordinal);

        var problem = Assert.Single(PlanReader.Validate(Encoding.UTF8.GetBytes(text), "plan.yaml").Problems);

        Assert.Equal("ethereum.safe_folder", problem.Path);
    }

    [Fact]
    public async Task APlanWithoutTheSafe_IsNotAvailableAndContactsNothing()
    {
        using var journal = DeploymentJournal.Create(_home.Path, "d1", TimeProvider.System);

        var result = await NeverConnects().EvaluateAsync(new CheckContext(Plan("  deployer_keystore: deployer.json\n"), journal, TimeProvider.System));

        Assert.Equal(CheckResultKind.NotAvailable, result.Kind);
        Assert.Contains("does not name ethereum.safe", result.Detail, StringComparison.Ordinal);
        Assert.Empty(journal.OutsideActions());
    }

    [Fact]
    public async Task ADryRun_WithoutAJournal_ProposesAndSendsNothing()
    {
        var result = await NeverConnects().EvaluateAsync(new CheckContext(Plan($"  safe: \"{Safe}\"\n  deployer_keystore: deployer.json\n"), null, TimeProvider.System));

        Assert.Equal(CheckResultKind.NotAvailable, result.Kind);
        Assert.Contains("dry run", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProposal_IsFixedOnceInTheJournal_SoAResumedRunProposesTheSameSafeTxAndRewritesAMissingFile()
    {
        using var journal = DeploymentJournal.Create(_home.Path, "d1", TimeProvider.System);
        var folder = Path.Combine(_home.Path, "safe");
        var faults = new RecordingFaults();
        var nonceReads = 0;
        Task<BigInteger> Nonce() => Task.FromResult(new BigInteger(7 + nonceReads++));

        var first = await SafeUnpauseProposal.FixAsync(journal, 1, faults, 31337, Address.Parse(Safe), Token, Nonce, folder, CancellationToken.None);
        File.Delete(Path.Combine(folder, SafeUnpauseProposal.FileName));
        var again = await SafeUnpauseProposal.FixAsync(journal, 1, faults, 31337, Address.Parse(Safe), Token, Nonce, folder, CancellationToken.None);

        Assert.Equal(1, nonceReads);
        Assert.Equal(first.SafeTxHash, again.SafeTxHash);
        Assert.Equal(new BigInteger(7), again.Tx.Nonce);
        Assert.Equal(Token, again.Tx.To);
        Assert.Equal(Convert.FromHexString("3f4ba83a"), again.Tx.Data); // unpause()
        var written = SafeTxProposal.FromJson(File.ReadAllText(Path.Combine(folder, SafeUnpauseProposal.FileName)), "file");
        Assert.Equal(first.SafeTxHash, written.SafeTxHash);
        var action = Assert.Single(journal.OutsideActions());
        Assert.Equal((SafeUnpauseProposal.Kind, Hex.Encode(first.SafeTxHash)), (action.Kind, action.HashHex));
        Assert.Equal(["EthereumResumed.proposal:After"], faults.Reached);
    }

    [Fact]
    public async Task Collecting_CountsOwnersOnce_AndNamesEachRefusedFileWithItsReason()
    {
        using var journal = DeploymentJournal.Create(_home.Path, "d1", TimeProvider.System);
        var folder = Path.Combine(_home.Path, "safe");
        var proposal = await SafeUnpauseProposal.FixAsync(journal, 1, new RecordingFaults(), 31337, Address.Parse(Safe), Token, () => Task.FromResult(BigInteger.Zero), folder, CancellationToken.None);
        var other = SafeTxProposal.Call(Address.Parse(Safe), 31337, Token, [], 99);
        using var stranger = Secp256k1Key.Generate();
        Write("a-owner0.json", SafeSignature.SignHash(proposal.SafeTxHash, _owners[0]));
        Write("b-owner0-again.json", SafeSignature.SignHash(proposal.SafeTxHash, _owners[0]));
        Write("c-stranger.json", SafeSignature.SignHash(proposal.SafeTxHash, stranger));
        Write("d-other-hash.json", SafeSignature.SignHash(other.SafeTxHash, _owners[1]));
        File.WriteAllText(Path.Combine(folder, "e-broken.json"), "{\"safeTxHash\": \"0x12\"}");

        var (collector, refused) = SafeUnpauseProposal.Collect(proposal, folder, _owners.Select(o => o.Address).ToList(), 2);

        Assert.Equal(1, collector.Count);
        Assert.False(collector.HasThreshold);
        Assert.Equal(4, refused.Count);
        Assert.StartsWith($"b-owner0-again.json ({_owners[0].Address} has already signed", refused[0], StringComparison.Ordinal);
        Assert.StartsWith($"c-stranger.json ({stranger.Address} is not an owner of the Safe", refused[1], StringComparison.Ordinal);
        Assert.Contains($"d-other-hash.json (signature of {_owners[1].Address} is for SafeTx {Hex.Encode(other.SafeTxHash)}", refused[2], StringComparison.Ordinal);
        Assert.StartsWith("e-broken.json (malformed: e-broken.json", refused[3], StringComparison.Ordinal);

        Write("f-owner2.json", SafeSignature.SignHash(proposal.SafeTxHash, _owners[2]));
        var (complete, _) = SafeUnpauseProposal.Collect(proposal, folder, _owners.Select(o => o.Address).ToList(), 2);
        Assert.True(complete.HasThreshold);

        void Write(string name, SafeSignature signature) => File.WriteAllText(Path.Combine(folder, name), signature.ToJson());
    }

    [Fact]
    public void TheDefaultChecks_WireTheSafeUnpauseToEthereumResumed_AndItsCauseToTheCatalog()
    {
        Assert.IsType<EthereumResumedCheck>(Assert.Single(StageChecks.Default(), c => c.Step == RolloutState.EthereumResumed));
        Assert.Equal(RolloutState.EthereumResumed, Assert.Single(CauseCatalog.For(RolloutState.EthereumResumed)).Check);
    }

    private sealed class RecordingFaults : IFaultInjector
    {
        public List<string> Reached { get; } = [];

        void IFaultInjector.Reached(string step, FaultPhase phase) => Reached.Add($"{step}:{phase}");
    }
}
