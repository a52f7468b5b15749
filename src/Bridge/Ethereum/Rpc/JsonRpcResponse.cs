using System.Text.Json;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>The answer to one call of a batch: a result or a JSON-RPC error.</summary>
/// <param name="Request">The call answered.</param>
/// <param name="Result">The result, when there is no error.</param>
/// <param name="Error">The error, when the node refused the call.</param>
public sealed record JsonRpcResponse(JsonRpcRequest Request, JsonElement Result, JsonRpcException? Error)
{
    /// <summary>The result, or the call's error thrown.</summary>
    public JsonElement GetResult() => Error is null ? Result : throw Error;
}
