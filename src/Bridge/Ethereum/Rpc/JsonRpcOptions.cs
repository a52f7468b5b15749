namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>Where and how patiently the client talks to an Ethereum node.</summary>
/// <param name="Endpoint">The node's HTTP JSON-RPC URL.</param>
/// <param name="Timeout">Limit on one attempt of one call (or batch); null means 30 seconds.</param>
/// <param name="MaxRetries">Further attempts after a transport failure (never after a JSON-RPC error).</param>
/// <param name="RetryDelay">Delay before the first retry, doubled for each later one; null means 500 ms.</param>
public sealed record JsonRpcOptions(Uri Endpoint, TimeSpan? Timeout = null, int MaxRetries = 3, TimeSpan? RetryDelay = null)
{
    /// <summary>The per-attempt timeout in effect.</summary>
    public TimeSpan EffectiveTimeout => Timeout ?? TimeSpan.FromSeconds(30);

    /// <summary>The first retry delay in effect.</summary>
    public TimeSpan EffectiveRetryDelay => RetryDelay ?? TimeSpan.FromMilliseconds(500);
}
