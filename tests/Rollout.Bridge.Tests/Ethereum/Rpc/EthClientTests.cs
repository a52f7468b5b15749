using System.Numerics;
using System.Text.Json;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Tests.Ethereum.Rpc;

public sealed class EthClientTests
{
    private const string TxHash = "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b";
    private const string BlockHash = "0x1d59ff54b1eb26b013ce3cb5fc9dab3705b415a67127a003c3e61eb445bb8df2";
    private static readonly Address Holder = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    private static readonly Address Token = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");

    private static readonly AbiEvent Transfer = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");

    [Fact]
    public async Task TypedCalls_ReadTheNodesAnswers_AndSendCanonicalParameters()
    {
        var transferTopic = Hex.Encode(Transfer.Topic);
        var holderTopic = "0x000000000000000000000000" + Holder.ToLowerHex()[2..];
        var log = $$"""{"address":"{{Token.ToLowerHex()}}","topics":["{{transferTopic}}","{{holderTopic}}","{{holderTopic}}"],"data":"0x{{new string('0', 62)}}64","blockNumber":"0x5","transactionHash":"{{TxHash}}","logIndex":"0x0","removed":false}""";
        using var node = FakeRpcNode.Answering((method, p) => method switch
        {
            "eth_chainId" => "\"0x7a69\"",
            "eth_blockNumber" => "\"0x10\"",
            "eth_getBalance" => "\"0xde0b6b3a7640000\"",
            "eth_getTransactionCount" => p[1].GetString() == "pending" ? "\"0x3\"" : "\"0x2\"",
            "eth_getCode" => "\"0x\"",
            "eth_call" => "\"0x" + new string('0', 63) + "1\"",
            "eth_estimateGas" => "\"0x5208\"",
            "eth_gasPrice" => "\"0x3b9aca00\"",
            "eth_maxPriorityFeePerGas" => "\"0x59682f00\"",
            "eth_feeHistory" => """{"oldestBlock":"0xe","baseFeePerGas":["0x7","0x8","0x9"],"gasUsedRatio":[0.5,0.25],"reward":[["0x1","0x2"],["0x3","0x4"]]}""",
            "eth_sendRawTransaction" => $"\"{TxHash}\"",
            "eth_getTransactionReceipt" => p[0].GetString() == TxHash
                ? $$"""{"transactionHash":"{{TxHash}}","blockNumber":"0x5","blockHash":"{{BlockHash}}","from":"{{Holder.ToLowerHex()}}","to":"{{Token.ToLowerHex()}}","status":"0x1","gasUsed":"0xb411","effectiveGasPrice":"0x3b9aca07","contractAddress":null,"logs":[{{log}}]}"""
                : "null",
            "eth_getTransactionByHash" => $$"""{"hash":"{{TxHash}}","from":"{{Holder.ToLowerHex()}}","nonce":"0x2","to":null,"value":"0x0","input":"0x6080","blockNumber":null}""",
            "eth_getLogs" => $"[{log}]",
            "eth_getBlockByNumber" => $$"""{"number":"0x5","hash":"{{BlockHash}}","parentHash":"{{BlockHash}}","timestamp":"0x66d8850","gasLimit":"0x1c9c380","gasUsed":"0xb411","baseFeePerGas":"0x7","transactions":["{{TxHash}}"]}""",
            _ => throw new InvalidOperationException(method),
        });
        var client = Client(node.Endpoint);

        Assert.Equal(new BigInteger(31337), await client.ChainIdAsync());
        Assert.Equal(16UL, await client.BlockNumberAsync());
        Assert.Equal(BigInteger.Pow(10, 18), await client.GetBalanceAsync(Holder));
        Assert.Equal(2UL, await client.GetTransactionCountAsync(Holder, BlockTag.Latest));
        Assert.Equal(3UL, await client.GetTransactionCountAsync(Holder, BlockTag.Pending));
        Assert.Empty(await client.GetCodeAsync(Holder));
        Assert.Equal(true, AbiDecoder.Decode(AbiType.Bool, await client.CallAsync(new CallRequest(Token, [0x70, 0xa0, 0x82, 0x31], Holder))));
        Assert.Equal(21000UL, await client.EstimateGasAsync(new CallRequest(Token, [], Holder, 5)));
        Assert.Equal(new BigInteger(1_000_000_000), await client.GasPriceAsync());
        Assert.Equal(new BigInteger(1_500_000_000), await client.MaxPriorityFeePerGasAsync());
        var fees = await client.FeeHistoryAsync(2, BlockTag.Latest, [25, 75]);
        Assert.Equal(14UL, fees.OldestBlock);
        Assert.Equal([7, 8, 9], fees.BaseFeePerGas.Select(f => (int)f));
        Assert.Equal(4, (int)fees.Reward[1][1]);
        Assert.Equal(TxHash, Hex.Encode(await client.SendRawTransactionAsync([0x02, 0xc0])));

        var receipt = (await client.GetTransactionReceiptAsync(Hex.Decode(TxHash)))!;
        Assert.True(receipt.Succeeded);
        Assert.Equal(5UL, receipt.BlockNumber);
        Assert.Equal(Holder, receipt.From);
        Assert.Null(receipt.ContractAddress);
        Assert.Equal(new BigInteger(1_000_000_007), receipt.EffectiveGasPrice);
        var decoded = Transfer.DecodeLog(receipt.Logs[0].Topics, receipt.Logs[0].Data);
        Assert.Equal([Holder, Holder, new BigInteger(100)], decoded);
        Assert.Null(await client.GetTransactionReceiptAsync(new byte[32]));

        var pending = (await client.GetTransactionByHashAsync(Hex.Decode(TxHash)))!;
        Assert.Null(pending.BlockNumber);
        Assert.Null(pending.To);
        Assert.Equal(2UL, pending.Nonce);

        var logs = await client.GetLogsAsync(new LogFilter(BlockTag.Number(1), BlockTag.Latest, [Token], [[Transfer.Topic], null]));
        Assert.Single(logs);
        var block = (await client.GetBlockByNumberAsync(BlockTag.Number(5)))!;
        Assert.Equal(new BigInteger(7), block.BaseFeePerGas);
        Assert.Single(block.TransactionHashes);

        var getLogs = node.Bodies.Single(b => b.GetProperty("method").GetString() == "eth_getLogs").GetProperty("params")[0];
        Assert.Equal("0x1", getLogs.GetProperty("fromBlock").GetString());
        Assert.Equal(Token.ToLowerHex(), getLogs.GetProperty("address")[0].GetString());
        Assert.Equal(JsonValueKind.Null, getLogs.GetProperty("topics")[1].ValueKind);
        var estimate = node.Bodies.Single(b => b.GetProperty("method").GetString() == "eth_estimateGas").GetProperty("params")[0];
        Assert.Equal("0x5", estimate.GetProperty("value").GetString());
        Assert.Equal(Holder.ToLowerHex(), estimate.GetProperty("from").GetString());
    }

    [Fact]
    public async Task Batch_AnswersOutOfOrderWithOneError_ComeBackInRequestOrder()
    {
        using var node = new FakeRpcNode((body, _) =>
        {
            var ids = body.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
            var answer = $$$"""[{"jsonrpc":"2.0","id":{{{ids[2]}}},"result":"0x3"},{"jsonrpc":"2.0","id":{{{ids[0]}}},"result":"0x1"},{"jsonrpc":"2.0","id":{{{ids[1]}}},"error":{"code":-32601,"message":"the method eth_nope does not exist"}}]""";
            return Task.FromResult<(int, string)?>((200, answer));
        });
        var client = Client(node.Endpoint);
        var responses = await client.Rpc.BatchAsync([new("eth_getBalance", Holder.ToLowerHex(), "latest"), new("eth_nope"), new("eth_getTransactionCount", Holder.ToLowerHex(), "pending")]);

        Assert.Equal(1, node.Requests);
        Assert.Equal("0x1", responses[0].GetResult().GetString());
        Assert.Equal(-32601, responses[1].Error!.Code);
        Assert.Equal("eth_nope", responses[1].Error!.Method);
        Assert.Throws<JsonRpcException>(() => responses[1].GetResult());
        Assert.Equal("0x3", responses[2].GetResult().GetString());
    }

    [Theory]
    [InlineData("""{"code":3,"message":"execution reverted: Pausable: paused","data":"%DATA%"}""")]
    [InlineData("""{"code":-32603,"message":"Error: VM Exception while processing transaction: reverted with reason string 'Pausable: paused'","data":{"message":"reverted","data":"%DATA%"}}""")]
    public async Task Call_Reverted_ThrowsTheCodeMessageAndRevertData_WithoutRetrying(string error)
    {
        var revert = Hex.Encode(AbiError.ErrorString.Encode("Pausable: paused"));
        using var node = new FakeRpcNode((body, _) => Task.FromResult<(int, string)?>((200,
            $$"""{"jsonrpc":"2.0","id":{{body.GetProperty("id").GetRawText()}},"error":{{error.Replace("%DATA%", revert, StringComparison.Ordinal)}}}""")));
        var client = Client(node.Endpoint);

        var thrown = await Assert.ThrowsAsync<JsonRpcException>(() => client.CallAsync(new CallRequest(Token, [1, 2, 3, 4])));
        Assert.Equal("eth_call", thrown.Method);
        Assert.Equal("Pausable: paused", thrown.Revert()!.Message);
        Assert.Equal(1, node.Requests);
    }

    [Fact]
    public async Task TransportFailures_AreRetried_ThenTheAnswerIsUsed()
    {
        using var node = new FakeRpcNode((body, attempt) => Task.FromResult<(int, string)?>(attempt switch
        {
            1 => null, // connection dropped
            2 => (503, "busy"),
            _ => (200, $$"""{"jsonrpc":"2.0","id":{{body.GetProperty("id").GetRawText()}},"result":"0x7a69"}"""),
        }));
        var client = Client(node.Endpoint);
        Assert.Equal(new BigInteger(31337), await client.ChainIdAsync());
        Assert.Equal(3, node.Requests);
    }

    [Fact]
    public async Task NothingListening_IsUnreachableAfterEveryAttempt()
    {
        var endpoint = new Uri($"http://127.0.0.1:{FakeRpcNode.FreePort()}/secret-api-key");
        var client = Client(endpoint, retries: 2);
        var thrown = await Assert.ThrowsAsync<EthereumUnreachableException>(() => client.BlockNumberAsync());
        Assert.Equal(3, thrown.Attempts);
        Assert.Contains("eth_blockNumber", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-api-key", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentNode_TimesOutEachAttempt_AndIsUnreachable()
    {
        var never = new TaskCompletionSource<(int, string)?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var node = new FakeRpcNode((_, _) => never.Task);
        var client = Client(node.Endpoint, retries: 1, timeout: TimeSpan.FromMilliseconds(200));
        var thrown = await Assert.ThrowsAsync<EthereumUnreachableException>(() => client.ChainIdAsync());
        Assert.Equal(2, thrown.Attempts);
        never.SetResult(null);
    }

    [Fact]
    public async Task MalformedResult_IsABrokenEndpointNotBadInput()
    {
        using var node = FakeRpcNode.Answering((_, _) => "\"not hex\"");
        var client = Client(node.Endpoint);
        await Assert.ThrowsAsync<EthereumUnreachableException>(() => client.BlockNumberAsync());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e400")]
    [InlineData("18446744073709551616")]
    public async Task AnswerWithAnIdThatIsNotAnInteger_IsABrokenEndpointNotBadInput(string id)
    {
        using var node = new FakeRpcNode((_, _) => Task.FromResult<(int, string)?>((200, $$"""{"jsonrpc":"2.0","id":{{id}},"result":"0x1"}""")));
        var client = Client(node.Endpoint);

        var thrown = await Assert.ThrowsAsync<EthereumUnreachableException>(() => client.BlockNumberAsync());

        Assert.Contains("an id that was not asked for", thrown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotJsonRpcAtAll_IsUnreachable()
    {
        using var node = new FakeRpcNode((_, _) => Task.FromResult<(int, string)?>((200, "<html>hello</html>")));
        var client = Client(node.Endpoint);
        await Assert.ThrowsAsync<EthereumUnreachableException>(() => client.ChainIdAsync());
        Assert.Equal(1, node.Requests);
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetriedOrReportedAsUnreachable()
    {
        var never = new TaskCompletionSource<(int, string)?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var node = new FakeRpcNode((_, _) => never.Task);
        var client = Client(node.Endpoint);
        using var cancel = new CancellationTokenSource();
        var call = client.ChainIdAsync(cancel.Token);
        while (node.Requests == 0) await Task.Delay(10);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, node.Requests);
        never.SetResult(null);
    }

    private static EthClient Client(Uri endpoint, int retries = 3, TimeSpan? timeout = null) =>
        new(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(endpoint, timeout ?? TimeSpan.FromSeconds(20), retries, TimeSpan.Zero)));
}
