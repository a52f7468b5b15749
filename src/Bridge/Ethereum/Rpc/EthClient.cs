using System.Numerics;
using System.Text.Json;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>
/// Typed Ethereum JSON-RPC calls over <see cref="JsonRpcClient"/>. A JSON-RPC error surfaces as
/// <see cref="JsonRpcException"/> (with revert data for calls and estimates); an unreachable endpoint,
/// or one answering with malformed results, as <see cref="EthereumUnreachableException"/>.
/// </summary>
public sealed class EthClient(JsonRpcClient rpc) : Sending.ITransactionChain
{
    /// <summary>The underlying JSON-RPC client, for batches.</summary>
    public JsonRpcClient Rpc { get; } = rpc ?? throw new ArgumentNullException(nameof(rpc));

    /// <summary><c>eth_chainId</c>.</summary>
    public Task<BigInteger> ChainIdAsync(CancellationToken cancellationToken = default) =>
        CallAsync("eth_chainId", [], r => RpcJson.Quantity(r, "eth_chainId"), cancellationToken);

    /// <summary><c>eth_blockNumber</c>.</summary>
    public Task<ulong> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        CallAsync("eth_blockNumber", [], r => RpcJson.ULong(r, "eth_blockNumber"), cancellationToken);

    /// <summary><c>eth_getBalance</c> in wei.</summary>
    public Task<BigInteger> GetBalanceAsync(Address address, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getBalance", [Lower(address), (block ?? BlockTag.Latest).ToString()], r => RpcJson.Quantity(r, "eth_getBalance"), cancellationToken);

    /// <summary><c>eth_getTransactionCount</c>: with <see cref="BlockTag.Latest"/> the mined count, with <see cref="BlockTag.Pending"/> including the node's queue.</summary>
    public Task<ulong> GetTransactionCountAsync(Address address, BlockTag block, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getTransactionCount", [Lower(address), block.ToString()], r => RpcJson.ULong(r, "eth_getTransactionCount"), cancellationToken);

    /// <summary><c>eth_getCode</c>: the runtime bytecode at an address (empty for an account without code).</summary>
    public Task<byte[]> GetCodeAsync(Address address, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getCode", [Lower(address), (block ?? BlockTag.Latest).ToString()], r => RpcJson.Data(r, "eth_getCode"), cancellationToken);

    /// <summary><c>eth_call</c>: the return data; a revert throws <see cref="JsonRpcException"/> carrying the revert data.</summary>
    public Task<byte[]> CallAsync(CallRequest call, BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync("eth_call", [call.ToJson(), (block ?? BlockTag.Latest).ToString()], r => RpcJson.Data(r, "eth_call"), cancellationToken);
    }

    /// <summary><c>eth_estimateGas</c>.</summary>
    public Task<ulong> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync("eth_estimateGas", [call.ToJson()], r => RpcJson.ULong(r, "eth_estimateGas"), cancellationToken);
    }

    /// <summary><c>eth_gasPrice</c> in wei per gas.</summary>
    public Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken = default) =>
        CallAsync("eth_gasPrice", [], r => RpcJson.Quantity(r, "eth_gasPrice"), cancellationToken);

    /// <summary><c>eth_maxPriorityFeePerGas</c> in wei per gas.</summary>
    public Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        CallAsync("eth_maxPriorityFeePerGas", [], r => RpcJson.Quantity(r, "eth_maxPriorityFeePerGas"), cancellationToken);

    /// <summary><c>eth_feeHistory</c> for <paramref name="blockCount"/> blocks ending at <paramref name="newest"/>, with tip percentiles (integers 0–100).</summary>
    public Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockTag newest, IReadOnlyList<int> rewardPercentiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rewardPercentiles);
        return CallAsync("eth_feeHistory", [Hex.EncodeQuantity(blockCount), newest.ToString(), rewardPercentiles], r => new FeeHistory(
            RpcJson.ULong(RpcJson.Member(r, "oldestBlock", "eth_feeHistory"), "eth_feeHistory.oldestBlock"),
            RpcJson.Member(r, "baseFeePerGas", "eth_feeHistory").EnumerateArray().Select((f, i) => RpcJson.Quantity(f, $"eth_feeHistory.baseFeePerGas[{i}]")).ToArray(),
            r.TryGetProperty("reward", out var reward) && reward.ValueKind == JsonValueKind.Array
                ? reward.EnumerateArray().Select((b, i) => (IReadOnlyList<BigInteger>)b.EnumerateArray().Select((t, j) => RpcJson.Quantity(t, $"eth_feeHistory.reward[{i}][{j}]")).ToArray()).ToArray()
                : []), cancellationToken);
    }

    /// <summary><c>eth_sendRawTransaction</c>; returns the hash the node reports.</summary>
    public Task<byte[]> SendRawTransactionAsync(byte[] rawTransaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rawTransaction);
        return CallAsync("eth_sendRawTransaction", [Hex.Encode(rawTransaction)], r => RpcJson.Hash(r, "eth_sendRawTransaction"), cancellationToken);
    }

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is pending or unknown.</summary>
    public Task<TransactionReceipt?> GetTransactionReceiptAsync(byte[] transactionHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionHash);
        const string f = "eth_getTransactionReceipt";
        return CallAsync<TransactionReceipt?>(f, [Hex.Encode(transactionHash)], r => r.ValueKind == JsonValueKind.Null ? null : new TransactionReceipt(
            RpcJson.Hash(RpcJson.Member(r, "transactionHash", f), f + ".transactionHash"),
            RpcJson.ULong(RpcJson.Member(r, "blockNumber", f), f + ".blockNumber"),
            RpcJson.Hash(RpcJson.Member(r, "blockHash", f), f + ".blockHash"),
            RpcJson.Address(RpcJson.Member(r, "from", f), f + ".from"),
            RpcJson.OptionalAddress(r, "to", f),
            RpcJson.ULong(RpcJson.Member(r, "status", f), f + ".status") switch
            {
                1 => true,
                0 => false,
                var s => throw new InvalidDataException($"{f}.status: {s} is neither 0 nor 1"),
            },
            RpcJson.ULong(RpcJson.Member(r, "gasUsed", f), f + ".gasUsed"),
            r.TryGetProperty("effectiveGasPrice", out var price) ? RpcJson.Quantity(price, f + ".effectiveGasPrice") : BigInteger.Zero,
            RpcJson.OptionalAddress(r, "contractAddress", f),
            RpcJson.Member(r, "logs", f).EnumerateArray().Select((l, i) => RpcJson.Log(l, $"{f}.logs[{i}]")).ToArray()), cancellationToken);
    }

    /// <summary><c>eth_getTransactionByHash</c>; null when the node does not know the transaction.</summary>
    public Task<TransactionInfo?> GetTransactionByHashAsync(byte[] transactionHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionHash);
        const string f = "eth_getTransactionByHash";
        return CallAsync<TransactionInfo?>(f, [Hex.Encode(transactionHash)], r => r.ValueKind == JsonValueKind.Null ? null : new TransactionInfo(
            RpcJson.Hash(RpcJson.Member(r, "hash", f), f + ".hash"),
            RpcJson.Address(RpcJson.Member(r, "from", f), f + ".from"),
            RpcJson.ULong(RpcJson.Member(r, "nonce", f), f + ".nonce"),
            RpcJson.OptionalAddress(r, "to", f),
            RpcJson.Quantity(RpcJson.Member(r, "value", f), f + ".value"),
            RpcJson.Data(RpcJson.Member(r, "input", f), f + ".input"),
            RpcJson.OptionalULong(r, "blockNumber", f)), cancellationToken);
    }

    /// <summary><c>eth_getLogs</c>.</summary>
    public Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return CallAsync<IReadOnlyList<LogEntry>>("eth_getLogs", [filter.ToJson()],
            r => r.EnumerateArray().Select((l, i) => RpcJson.Log(l, $"eth_getLogs[{i}]")).ToArray(), cancellationToken);
    }

    /// <summary><c>eth_getBlockByNumber</c> with transaction hashes only; null when the block does not exist yet.</summary>
    public Task<BlockHeader?> GetBlockByNumberAsync(BlockTag block, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getBlockByNumber", [block.ToString(), false], r => ReadBlock(r, "eth_getBlockByNumber"), cancellationToken);

    /// <summary><c>eth_getBlockByHash</c> with transaction hashes only; null when no block has that hash.</summary>
    public Task<BlockHeader?> GetBlockByHashAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) =>
        CallAsync("eth_getBlockByHash", [Hex.Encode(hash.Span), false], r => ReadBlock(r, "eth_getBlockByHash"), cancellationToken);

    private static BlockHeader? ReadBlock(JsonElement r, string f) => r.ValueKind == JsonValueKind.Null ? null : new BlockHeader(
        RpcJson.ULong(RpcJson.Member(r, "number", f), f + ".number"),
        RpcJson.Hash(RpcJson.Member(r, "hash", f), f + ".hash"),
        RpcJson.Hash(RpcJson.Member(r, "parentHash", f), f + ".parentHash"),
        RpcJson.ULong(RpcJson.Member(r, "timestamp", f), f + ".timestamp"),
        RpcJson.ULong(RpcJson.Member(r, "gasLimit", f), f + ".gasLimit"),
        RpcJson.ULong(RpcJson.Member(r, "gasUsed", f), f + ".gasUsed"),
        r.TryGetProperty("baseFeePerGas", out var baseFee) && baseFee.ValueKind == JsonValueKind.String ? RpcJson.Quantity(baseFee, f + ".baseFeePerGas") : null,
        RpcJson.Member(r, "transactions", f).EnumerateArray().Select((t, i) => RpcJson.Hash(t, $"{f}.transactions[{i}]")).ToArray());

    private async Task<T> CallAsync<T>(string method, IReadOnlyList<object?> parameters, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var result = await Rpc.CallAsync(method, parameters, cancellationToken);
        try
        {
            return read(result);
        }
        catch (InvalidDataException ex)
        {
            // The node answered, but not with what the method promises: for the caller that is a broken endpoint, not bad input.
            throw new EthereumUnreachableException(Rpc.Endpoint, method, 1, ex);
        }
    }

    private static string Lower(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.ToLowerHex();
    }
}
