namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>One JSON-RPC call: a method and its positional parameters (serialised with System.Text.Json).</summary>
/// <param name="Method">e.g. <c>eth_getBalance</c>.</param>
/// <param name="Parameters">Positional parameters.</param>
public sealed record JsonRpcRequest(string Method, params IReadOnlyList<object?> Parameters);
