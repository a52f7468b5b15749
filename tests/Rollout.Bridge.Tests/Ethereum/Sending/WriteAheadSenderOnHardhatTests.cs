using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;
using Rollout.Bridge.Tests.Ethereum.Rpc;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum.Sending;

/// <summary>The write-ahead sender against a real Hardhat node with automining off, so transactions can sit, be dropped and be replaced.</summary>
public sealed class WriteAheadSenderOnHardhatTests(HardhatNodeFixture node) : IClassFixture<HardhatNodeFixture>
{
    // Hardhat's third default account, so this class does not share nonces with the other node tests' account.
    private const string Account2Key = "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

    [Fact]
    public async Task Dropped_IsResentAndMined_AndAForeignReplacement_IsHeld()
    {
        using var key = Secp256k1Key.FromPrivateKey(Convert.FromHexString(Account2Key));
        var client = node.Client;
        await client.Rpc.CallAsync("evm_setAutomine", [false]);
        var store = new InMemoryTransactionRecordStore();
        var sender = new WriteAheadTransactionSender(client, store, new ManualTimeProvider());
        SignedTransaction Sign(ulong nonce) => new Eip1559Transaction(31337, nonce, 1_000_000_000, 100_000_000_000, 21_000, Address.Zero, 7, []).Sign(key);

        var sent = await sender.SendAsync("first", key.Address, 31337, Sign);
        Assert.Equal(SendOutcome.Sent, sent.Outcome);
        Assert.Equal(SendOutcome.Pending, (await sender.ReconcileAsync("first")).Outcome);

        await client.Rpc.CallAsync("hardhat_dropTransaction", [Hex.Encode(sent.Record.Hash)]);
        Assert.Equal(SendOutcome.Resent, (await sender.ReconcileAsync("first")).Outcome);
        await client.Rpc.CallAsync("evm_mine", []);
        var mined = await sender.ReconcileAsync("first");
        Assert.Equal(SendOutcome.Mined, mined.Outcome);

        var second = await sender.SendAsync("second", key.Address, 31337, Sign);
        Assert.Equal(mined.Record.Nonce + 1, second.Record.Nonce);
        await client.Rpc.CallAsync("hardhat_dropTransaction", [Hex.Encode(second.Record.Hash)]);
        // Someone else signs with the same account at the same nonce while ours is gone from the pool.
        var foreign = new Eip1559Transaction(31337, second.Record.Nonce, 2_000_000_000, 100_000_000_000, 21_000, Address.Zero, 99, []).Sign(key);
        await client.SendRawTransactionAsync(foreign.RawBytes);
        var heldPending = await sender.ReconcileAsync("second");
        Assert.Equal(SendOutcome.Held, heldPending.Outcome);
        Assert.Contains("foreign pending transaction", heldPending.Record.Note, StringComparison.Ordinal);

        await client.Rpc.CallAsync("evm_mine", []);
        await client.Rpc.CallAsync("evm_setAutomine", [true]);
        Assert.True((await client.GetTransactionReceiptAsync(foreign.Hash))!.Succeeded);
        Assert.Null(await client.GetTransactionReceiptAsync(second.Record.Hash));
    }
}
