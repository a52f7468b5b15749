namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>An HTTP answer that says "try again" (429, 5xx): retried like a dropped connection.</summary>
internal sealed class TransientRpcFailure : Exception
{
    public TransientRpcFailure(string message) : base(message)
    {
    }

    public TransientRpcFailure()
    {
    }

    public TransientRpcFailure(string message, Exception innerException) : base(message, innerException)
    {
    }
}
