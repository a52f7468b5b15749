using System.Text.Json;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Safe;

namespace Rollout.Bridge.Tests.Safe;

public sealed class TransactionBuilderBatchTests
{
    private static readonly Address SafeAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly Address Token = Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    private static readonly DateTimeOffset Created = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void UnpauseAndGrantRole_WriteTheTransactionBuilderShape_WithCalldataAndStringValues()
    {
        var grantee = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var unpause = SafeTxProposal.Call(SafeAddress, 31337, Token, WrappedQuilContract.EncodeUnpause(), 3);
        var batch = new TransactionBuilderBatch(31337, SafeAddress, Created, "Resume wQUIL", "after the incident review")
            .Add(unpause, WrappedQuilContract.Abi.Function("unpause"), [])
            .Add(Token, WrappedQuilContract.Abi.Function("grantRole"), [WrappedQuilContract.PauserRole, grantee]);

        using var document = JsonDocument.Parse(batch.ToJson());
        var root = document.RootElement;

        Assert.Equal("1.0", root.GetProperty("version").GetString());
        Assert.Equal("31337", root.GetProperty("chainId").GetString());
        Assert.Equal(Created.ToUnixTimeMilliseconds(), root.GetProperty("createdAt").GetInt64());
        Assert.Equal("Resume wQUIL", root.GetProperty("meta").GetProperty("name").GetString());
        Assert.Equal(SafeAddress.ToString(), root.GetProperty("meta").GetProperty("createdFromSafeAddress").GetString());
        var transactions = root.GetProperty("transactions").EnumerateArray().ToArray();
        Assert.Equal(2, transactions.Length);
        Assert.Equal(Token.ToString(), transactions[0].GetProperty("to").GetString());
        Assert.Equal("0", transactions[0].GetProperty("value").GetString());
        Assert.Equal("0x3f4ba83a", transactions[0].GetProperty("data").GetString());
        Assert.Equal("unpause", transactions[0].GetProperty("contractMethod").GetProperty("name").GetString());
        Assert.Empty(transactions[0].GetProperty("contractMethod").GetProperty("inputs").EnumerateArray());
        Assert.False(transactions[0].GetProperty("contractMethod").GetProperty("payable").GetBoolean());
        Assert.Equal(Hex.Encode(WrappedQuilContract.EncodeGrantRole(WrappedQuilContract.PauserRole, grantee)), transactions[1].GetProperty("data").GetString());
        var inputs = transactions[1].GetProperty("contractMethod").GetProperty("inputs").EnumerateArray().Select(i => (i.GetProperty("name").GetString(), i.GetProperty("type").GetString())).ToArray();
        Assert.Equal([("role", "bytes32"), ("account", "address")], inputs);
        var values = transactions[1].GetProperty("contractInputsValues");
        Assert.Equal(Hex.Encode(WrappedQuilContract.PauserRole), values.GetProperty("role").GetString());
        Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", values.GetProperty("account").GetString());
    }

    [Fact]
    public void Add_ProposalWhoseDataIsAnotherCall_IsRefused()
    {
        var pause = SafeTxProposal.Call(SafeAddress, 31337, Token, WrappedQuilContract.EncodePause(), 3);
        var batch = new TransactionBuilderBatch(31337, SafeAddress, Created, "Resume wQUIL");

        Assert.Throws<ArgumentException>(() => batch.Add(pause, WrappedQuilContract.Abi.Function("unpause"), []));
        Assert.Throws<ArgumentException>(() => batch.Add(pause with { Tx = pause.Tx with { Operation = 1 } }, WrappedQuilContract.Abi.Function("pause"), []));
        Assert.Throws<ArgumentException>(() => batch.Add(pause with { ChainId = 1 }, WrappedQuilContract.Abi.Function("pause"), []));
        Assert.Equal(0, batch.Count);
    }
}
