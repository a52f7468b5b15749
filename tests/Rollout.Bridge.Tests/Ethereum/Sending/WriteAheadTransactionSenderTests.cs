using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum.Sending;

public sealed class WriteAheadTransactionSenderTests : IDisposable
{
    private static readonly BigInteger ChainId = 31337;
    private readonly Secp256k1Key _key = Secp256k1Key.FromPrivateKey(Convert.FromHexString("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
    private readonly InMemoryTransactionRecordStore _store = new();
    private readonly ManualTimeProvider _time = new();
    private readonly FakeChain _chain;
    private int _signed;

    public WriteAheadTransactionSenderTests() => _chain = new FakeChain(_store);

    [Fact]
    public async Task Send_StoresTheBytesBeforeSending_ThenWaitsUntilMined()
    {
        var sender = Sender();
        var sent = await sender.SendAsync("deploy:Token", _key.Address, ChainId, Sign);
        Assert.Equal(SendOutcome.Sent, sent.Outcome);
        Assert.Equal(TransactionRecordState.Sent, sent.Record.State);
        Assert.Equal(sent.Record.RawBytes, Assert.Single(_chain.SentRaw));

        _chain.Mine();
        var mined = await sender.WaitAsync("deploy:Token", TimeSpan.FromSeconds(1), 1);
        Assert.Equal(SendOutcome.Mined, mined.Outcome);
        Assert.Equal(101UL, mined.Record.BlockNumber);
    }

    [Fact]
    public async Task Restart_AfterStoringButBeforeTheNodeGotIt_SendsTheSameBytes()
    {
        _chain.FailBeforeAccepting = true;
        await Assert.ThrowsAsync<EthereumUnreachableException>(() => Sender().SendAsync("mint:1", _key.Address, ChainId, Sign));
        var stored = (await _store.FindAsync("mint:1"))!;
        Assert.Equal(TransactionRecordState.Signed, stored.State);

        _chain.FailBeforeAccepting = false;
        var resumed = await Sender().SendAsync("mint:1", _key.Address, ChainId, Sign);
        Assert.Equal(SendOutcome.Sent, resumed.Outcome);
        Assert.Equal(stored.RawBytes, Assert.Single(_chain.SentRaw));
        Assert.Equal(1, _signed);
    }

    [Fact]
    public async Task Restart_AfterTheNodeAcceptedButTheAnswerWasLost_WaitsWithoutSigningAgain()
    {
        _chain.FailAfterAccepting = true;
        await Assert.ThrowsAsync<EthereumUnreachableException>(() => Sender().SendAsync("mint:2", _key.Address, ChainId, Sign));
        _chain.FailAfterAccepting = false;

        var resumed = await Sender().SendAsync("mint:2", _key.Address, ChainId, Sign);
        Assert.Equal(SendOutcome.Pending, resumed.Outcome);
        Assert.Equal(1, _signed);
        _chain.Mine();
        Assert.Equal(SendOutcome.Mined, (await Sender().ReconcileAsync("mint:2")).Outcome);
    }

    [Fact]
    public async Task Dropped_IsResentWithTheSameBytes()
    {
        var first = await Sender().SendAsync("unpause", _key.Address, ChainId, Sign);
        _chain.DropAll();
        var again = await Sender().ReconcileAsync("unpause");
        Assert.Equal(SendOutcome.Resent, again.Outcome);
        Assert.Equal(2, _chain.SentRaw.Count);
        Assert.Equal(first.Record.RawBytes, _chain.SentRaw[1]);
    }

    [Fact]
    public async Task NonceTakenByAForeignMinedTransaction_IsHeld()
    {
        await Sender().SendAsync("grant", _key.Address, ChainId, Sign);
        _chain.DropAll();
        _chain.ForeignMined(_key.Address);
        var held = await Sender().ReconcileAsync("grant");
        Assert.Equal(SendOutcome.Held, held.Outcome);
        Assert.Contains("was used by another transaction", held.Record.Note, StringComparison.Ordinal);
        Assert.Single(_chain.SentRaw);
        // Held stays held until an operator changes the record.
        Assert.Equal(SendOutcome.Held, (await Sender().ReconcileAsync("grant")).Outcome);
    }

    [Fact]
    public async Task NonceHeldByAForeignPendingTransaction_IsHeld()
    {
        await Sender().SendAsync("grant", _key.Address, ChainId, Sign);
        _chain.DropAll();
        _chain.ForeignPending(_key.Address, 0);
        var held = await Sender().ReconcileAsync("grant");
        Assert.Equal(SendOutcome.Held, held.Outcome);
        Assert.Contains("foreign pending transaction holds nonce 0", held.Record.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reverted_IsFinal_AndNeverSentAgain()
    {
        _chain.Reverting.Add(Hex.Encode(Sign(0).Hash));
        _signed = 0;
        await Sender().SendAsync("mint:bad", _key.Address, ChainId, Sign);
        _chain.Mine();
        Assert.Equal(SendOutcome.Reverted, (await Sender().ReconcileAsync("mint:bad")).Outcome);
        _chain.DropAll();
        Assert.Equal(SendOutcome.Reverted, (await Sender().SendAsync("mint:bad", _key.Address, ChainId, Sign)).Outcome);
        Assert.Single(_chain.SentRaw);
    }

    [Fact]
    public async Task TwoIntents_GetConsecutiveNonces_EvenWhenTheFirstWasDropped()
    {
        var first = await Sender().SendAsync("a", _key.Address, ChainId, Sign);
        _chain.DropAll();
        var second = await Sender().SendAsync("b", _key.Address, ChainId, Sign);
        Assert.Equal(0UL, first.Record.Nonce);
        Assert.Equal(1UL, second.Record.Nonce);
        Assert.Equal(SendOutcome.Resent, (await Sender().ReconcileAsync("a")).Outcome);
        _chain.Mine();
        Assert.Equal(SendOutcome.Mined, (await Sender().ReconcileAsync("a")).Outcome);
        Assert.Equal(SendOutcome.Mined, (await Sender().ReconcileAsync("b")).Outcome);
    }

    [Fact]
    public async Task Sign_WithAnotherNonce_IsRefusedBeforeAnythingIsStored()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sender().SendAsync("x", _key.Address, ChainId, n => Sign(n + 1)));
        Assert.Null(await _store.FindAsync("x"));
        Assert.Empty(_chain.SentRaw);
    }

    public void Dispose() => _key.Dispose();

    private WriteAheadTransactionSender Sender() => new(_chain, _store, _time);

    private SignedTransaction Sign(ulong nonce)
    {
        _signed++;
        return new Eip1559Transaction(ChainId, nonce, 1_000_000_000, 50_000_000_000, 21_000, Address.Zero, 1, []).Sign(_key);
    }
}
