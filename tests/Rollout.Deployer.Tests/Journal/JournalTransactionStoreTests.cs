using System.Numerics;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;
using Rollout.Deployer.Faults;
using Rollout.Deployer.Journal;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Journal;

/// <summary>
/// The write-ahead sender on a real journal file: every test reopens the journal between steps, as a restarted
/// process does, so what the sender reconciles from is only what the hash-chained events hold.
/// </summary>
public sealed class JournalTransactionStoreTests : IDisposable
{
    private const string Key = "eth:31337:deploy:WrappedQuil";
    private static readonly BigInteger ChainId = 31337;
    private readonly TempDirectory _home = new();
    private readonly ManualTimeProvider _time = new();
    private readonly Secp256k1Key _key = Secp256k1Key.FromPrivateKey(Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    private readonly RecordingFaults _faults = new();
    private readonly long _step;

    public JournalTransactionStoreTests()
    {
        using var journal = DeploymentJournal.Create(_home.Path, "d1", _time);
        _step = journal.AppendStepIntent("Held", "Attest", "BridgeDeployedPaused", null);
    }

    public void Dispose()
    {
        _key.Dispose();
        _home.Dispose();
    }

    private DeploymentJournal Reopen() => DeploymentJournal.Open(_home.Path, "d1", _time);

    private JournalTransactionStore Store(DeploymentJournal journal) => new(journal, () => _step, _faults, "BridgeDeployedPaused", _time);

    private SignedTransaction Sign(ulong nonce) => new Eip1559Transaction(ChainId, nonce, 1, 2, 100_000, null, 0, [0x60, 0x00]).Sign(_key);

    private async Task<SendResult> SendOnce(ScriptedChain chain)
    {
        using var journal = Reopen();
        return await new WriteAheadTransactionSender(chain, Store(journal), _time).SendAsync(Key, _key.Address, ChainId, Sign);
    }

    private async Task<SendResult> ReconcileAfterRestart(ScriptedChain chain)
    {
        using var journal = Reopen();
        return await new WriteAheadTransactionSender(chain, Store(journal), _time).ReconcileAsync(Key);
    }

    [Fact]
    public async Task ASignedRecord_IsJournaledBeforeTheSend_AndReadsBackWithItsChainSenderAndNonce()
    {
        var signed = Sign(5);
        using (var journal = Reopen())
        {
            await Store(journal).SaveAsync(new TransactionRecord(Key, ChainId, _key.Address, 5, signed.Hash, signed.RawBytes, TransactionRecordState.Signed, null, null, _time.GetUtcNow()));
        }

        using var reopened = Reopen();
        var record = await Store(reopened).FindAsync(Key);
        Assert.NotNull(record);
        Assert.Equal((ChainId, _key.Address, 5UL, TransactionRecordState.Signed), (record.ChainId, record.Sender, record.Nonce, record.State));
        Assert.Equal(signed.RawBytes, record.RawBytes);
        Assert.Equal(signed.Hash, record.Hash);
        var action = Assert.Single(reopened.OutsideActions());
        Assert.Equal((_step, JournalTransactionStore.Kind, OutsideActionStatus.Prepared), (action.StepId, action.Kind, action.Status));
        Assert.Equal(["BridgeDeployedPaused.record:before", "BridgeDeployedPaused.record:after"], _faults.Points);
    }

    [Fact]
    public async Task ASendThatMines_JournalsPreparedSentAndConfirmedInTheHashChain()
    {
        var chain = new ScriptedChain { LatestCount = 3, PendingCount = 3 };

        var result = await SendOnce(chain);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var mined = await ReconcileAfterRestart(chain);
        Assert.Equal((SendOutcome.Mined, 7UL), (mined.Outcome, mined.Record.BlockNumber));
        using var journal = Reopen();
        Assert.Equal(
            ["step-intent", "outside-action-prepared", "outside-action-sent", "outside-action-outcome"],
            journal.Events().Skip(1).Select(e => e.Kind));
        var action = Assert.Single(journal.OutsideActions());
        Assert.Equal((OutsideActionStatus.Confirmed, "block 7: mined"), (action.Status, action.Detail));
        Assert.Empty(await Store(journal).ListOpenAsync(_key.Address, ChainId));
        Assert.Equal(3UL, SignedTransaction.Decode(Assert.Single(chain.Sent)).Nonce);
        Assert.Equal(["BridgeDeployedPaused.record:before", "BridgeDeployedPaused.record:after", "BridgeDeployedPaused.sent:after", "BridgeDeployedPaused.receipt:after"], _faults.Points);
    }

    [Fact]
    public async Task ARestartedSendOfTheSameIntent_ReconcilesTheJournaledRecordAndNeverSignsAgain()
    {
        var chain = new ScriptedChain { LatestCount = 0, PendingCount = 0 };
        await SendOnce(chain);

        var again = await SendOnce(chain);

        Assert.Equal(SendOutcome.Mined, again.Outcome);
        Assert.Single(chain.Sent);
    }

    [Fact]
    public async Task ARecordStoredButNeverSent_IsSentWithItsJournaledBytesAfterARestart()
    {
        var signed = Sign(0);
        using (var journal = Reopen())
        {
            await Store(journal).SaveAsync(new TransactionRecord(Key, ChainId, _key.Address, 0, signed.Hash, signed.RawBytes, TransactionRecordState.Signed, null, null, _time.GetUtcNow()));
        }
        var chain = new ScriptedChain();

        var result = await ReconcileAfterRestart(chain);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(signed.RawBytes, Assert.Single(chain.Sent));
    }

    [Fact]
    public async Task APendingTransaction_IsWaitedForWithoutASecondSend()
    {
        var chain = new ScriptedChain { AutoMine = false };
        await SendOnce(chain);

        var result = await ReconcileAfterRestart(chain);

        Assert.Equal(SendOutcome.Pending, result.Outcome);
        Assert.Single(chain.Sent);
    }

    [Fact]
    public async Task ADroppedTransaction_IsResentWithTheSameBytes()
    {
        var chain = new ScriptedChain { AutoMine = false };
        await SendOnce(chain);
        chain.Known.Clear();
        chain.PendingCount = 0;
        chain.AutoMine = true;

        var result = await ReconcileAfterRestart(chain);

        Assert.Equal(SendOutcome.Resent, result.Outcome);
        Assert.Equal(2, chain.Sent.Count);
        Assert.Equal(chain.Sent[0], chain.Sent[1]);
        Assert.Equal(SendOutcome.Mined, (await ReconcileAfterRestart(chain)).Outcome);
    }

    [Fact]
    public async Task ANonceTakenByAForeignTransaction_HoldsAndTheJournalSaysWhichNonce()
    {
        var chain = new ScriptedChain { AutoMine = false };
        await SendOnce(chain);
        chain.Known.Clear();
        chain.LatestCount = 1;

        var result = await ReconcileAfterRestart(chain);

        Assert.Equal(SendOutcome.Held, result.Outcome);
        Assert.Equal(SendOutcome.Held, (await ReconcileAfterRestart(chain)).Outcome);
        Assert.Single(chain.Sent);
        using var journal = Reopen();
        var action = Assert.Single(journal.OutsideActions());
        Assert.Equal(OutsideActionStatus.Unknown, action.Status);
        Assert.Contains("nonce 0 was used by another transaction", action.Detail, StringComparison.Ordinal);
        var held = await Store(journal).FindAsync(Key);
        Assert.Equal(TransactionRecordState.Held, held!.State);
    }

    [Fact]
    public async Task OtherSignedBytesForAJournaledKey_AreRefused()
    {
        await SendOnce(new ScriptedChain { AutoMine = false });
        var other = Sign(9);
        using var journal = Reopen();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Store(journal).SaveAsync(
            new TransactionRecord(Key, ChainId, _key.Address, 9, other.Hash, other.RawBytes, TransactionRecordState.Sent, null, null, _time.GetUtcNow())));

        Assert.Contains("other signed bytes", refused.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingFaults : IFaultInjector
    {
        public List<string> Points { get; } = [];

        public void Reached(string step, FaultPhase phase) => Points.Add(new FaultPoint(step, phase).ToString());
    }
}
