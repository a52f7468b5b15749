using System.Text.Json;
using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>
/// The node answered a call with a JSON-RPC error: the node is reachable and refused this call
/// (a revert, a nonce too low, an unknown method). Never retried.
/// </summary>
public sealed class JsonRpcException : Exception
{
    /// <summary>Creates the exception from the error object's parts.</summary>
    public JsonRpcException(string method, long code, string rpcMessage, JsonElement? data)
        : base($"{method} failed: JSON-RPC error {code}: {rpcMessage}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        ErrorData = data;
        RevertData = ExtractRevertData(data);
    }

    /// <summary>Creates the exception without details (for serializers).</summary>
    public JsonRpcException() : this("unknown", 0, "", null)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public JsonRpcException(string message) : base(message)
    {
        Method = "unknown";
        RpcMessage = message;
    }

    /// <summary>Creates the exception with a message and the error underneath.</summary>
    public JsonRpcException(string message, Exception innerException) : base(message, innerException)
    {
        Method = "unknown";
        RpcMessage = message;
    }

    /// <summary>The method called.</summary>
    public string Method { get; }

    /// <summary>The JSON-RPC error code (3 or -32000-ish for reverts, -32601 unknown method, …).</summary>
    public long Code { get; }

    /// <summary>The node's message.</summary>
    public string RpcMessage { get; }

    /// <summary>The error's <c>data</c> member as sent, if any.</summary>
    public JsonElement? ErrorData { get; }

    /// <summary>The revert data of a failed call or gas estimate, when the node sent it (geth: data; Hardhat: data or data.data).</summary>
    public byte[]? RevertData { get; }

    /// <summary>The decoded revert reason, when there is revert data.</summary>
    public RevertReason? Revert(IEnumerable<AbiError>? customErrors = null) =>
        RevertData is null ? null : RevertReason.Decode(RevertData, customErrors);

    private static byte[]? ExtractRevertData(JsonElement? data)
    {
        if (data is not { } element) return null;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("data", out var inner)) element = inner;
        if (element.ValueKind != JsonValueKind.String) return null;
        var text = element.GetString()!;
        if (!text.StartsWith("0x", StringComparison.Ordinal)) return null;
        try
        {
            return Hex.Decode(text, "error.data");
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
