using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Bridge.Tests.Ethereum.Rpc;

/// <summary>Our signed transactions and typed calls against a real Hardhat node.</summary>
public sealed class HardhatNodeTests(HardhatNodeFixture node) : IClassFixture<HardhatNodeFixture>
{
    [Fact]
    public async Task SignedType2AndLegacyTransfers_AreAcceptedMinedAndReadBack()
    {
        using var sender = Secp256k1Key.FromPrivateKey(Convert.FromHexString(HardhatNodeFixture.Account0Key));
        using var recipient = Secp256k1Key.Generate();
        var client = node.Client;
        var chainId = await client.ChainIdAsync();
        Assert.Equal(new BigInteger(31337), chainId);

        var nonce = await client.GetTransactionCountAsync(sender.Address, BlockTag.Pending);
        var block = (await client.GetBlockByNumberAsync(BlockTag.Latest))!;
        var tip = await client.MaxPriorityFeePerGasAsync();
        var maxFee = (block.BaseFeePerGas!.Value * 2) + tip;
        var type2 = new Eip1559Transaction(chainId, nonce, tip, maxFee, 21_000, recipient.Address, 12345, []).Sign(sender);
        var legacy = new LegacyTransaction(nonce + 1, await client.GasPriceAsync() * 2, 21_000, recipient.Address, 55, [], chainId).Sign(sender);

        Assert.Equal(type2.Hash, await client.SendRawTransactionAsync(type2.RawBytes));
        Assert.Equal(legacy.Hash, await client.SendRawTransactionAsync(legacy.RawBytes));

        var receipt = (await client.GetTransactionReceiptAsync(type2.Hash))!;
        Assert.True(receipt.Succeeded);
        Assert.Equal(sender.Address, receipt.From);
        Assert.Equal(21_000UL, receipt.GasUsed);
        Assert.True((await client.GetTransactionReceiptAsync(legacy.Hash))!.Succeeded);
        Assert.Equal(new BigInteger(12345 + 55), await client.GetBalanceAsync(recipient.Address));
        Assert.Equal(nonce + 2, await client.GetTransactionCountAsync(sender.Address, BlockTag.Latest));

        var info = (await client.GetTransactionByHashAsync(type2.Hash))!;
        Assert.Equal(nonce, info.Nonce);
        Assert.Equal(receipt.BlockNumber, info.BlockNumber);
        var history = await client.FeeHistoryAsync(1, BlockTag.Latest, [50]);
        Assert.Equal(2, history.BaseFeePerGas.Count);
    }

    [Fact]
    public async Task ReplayedTransaction_IsAJsonRpcErrorNotUnreachable()
    {
        using var sender = Secp256k1Key.FromPrivateKey(Convert.FromHexString(HardhatNodeFixture.Account0Key));
        var client = node.Client;
        var nonce = await client.GetTransactionCountAsync(sender.Address, BlockTag.Pending);
        var tx = new LegacyTransaction(nonce, await client.GasPriceAsync() * 2, 21_000, Address.Zero, 1, [], 31337).Sign(sender);
        await client.SendRawTransactionAsync(tx.RawBytes);
        var error = await Assert.ThrowsAsync<JsonRpcException>(() => client.SendRawTransactionAsync(tx.RawBytes));
        Assert.Contains("nonce", error.RpcMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WrongChainId_IsRefusedByTheNode()
    {
        using var sender = Secp256k1Key.FromPrivateKey(Convert.FromHexString(HardhatNodeFixture.Account0Key));
        var client = node.Client;
        var nonce = await client.GetTransactionCountAsync(sender.Address, BlockTag.Pending);
        var tx = new Eip1559Transaction(1, nonce, 1, 100_000_000_000, 21_000, Address.Zero, 1, []).Sign(sender);
        await Assert.ThrowsAsync<JsonRpcException>(() => client.SendRawTransactionAsync(tx.RawBytes));
    }

    [Fact]
    public async Task Deployment_RevertingCall_CarriesTheRevertReason()
    {
        using var sender = Secp256k1Key.FromPrivateKey(Convert.FromHexString(HardhatNodeFixture.Account0Key));
        var client = node.Client;
        // Init code returning runtime code that always reverts with Error("no"): PUSH the ABI-encoded reason into memory and REVERT.
        var reason = Rollout.Bridge.Ethereum.Abi.AbiError.ErrorString.Encode("no");
        var runtime = new List<byte>();
        for (var i = 0; i < reason.Length; i += 32)
        {
            var word = new byte[32];
            Array.Copy(reason, i, word, 0, Math.Min(32, reason.Length - i));
            runtime.Add(0x7f); // PUSH32 word
            runtime.AddRange(word);
            runtime.AddRange([0x60, (byte)i, 0x52]); // PUSH1 offset, MSTORE
        }
        runtime.AddRange([0x60, (byte)reason.Length, 0x60, 0x00, 0xfd]); // PUSH1 length, PUSH1 0, REVERT
        byte[] init = [0x60, (byte)runtime.Count, 0x80, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00, .. runtime];

        var nonce = await client.GetTransactionCountAsync(sender.Address, BlockTag.Pending);
        var deploy = new Eip1559Transaction(31337, nonce, 1_000_000_000, 100_000_000_000, 500_000, null, 0, init).Sign(sender);
        await client.SendRawTransactionAsync(deploy.RawBytes);
        var receipt = (await client.GetTransactionReceiptAsync(deploy.Hash))!;
        Assert.NotNull(receipt.ContractAddress);
        Assert.Equal(runtime, await client.GetCodeAsync(receipt.ContractAddress!));

        var error = await Assert.ThrowsAsync<JsonRpcException>(() => client.CallAsync(new CallRequest(receipt.ContractAddress, [])));
        Assert.Equal("no", error.Revert()!.Message);
        var estimate = await Assert.ThrowsAsync<JsonRpcException>(() => client.EstimateGasAsync(new CallRequest(receipt.ContractAddress, [], sender.Address)));
        Assert.Equal("no", estimate.Revert()!.Message);
    }
}
