namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>
/// The Ethereum endpoint could not be reached, timed out, or did not answer in JSON-RPC after every
/// retry. Distinct from <see cref="JsonRpcException"/>: the CLI maps it to exit code 3.
/// </summary>
public sealed class EthereumUnreachableException : Exception
{
    /// <summary>Creates the exception for an endpoint and the failure underneath.</summary>
    public EthereumUnreachableException(Uri endpoint, string method, int attempts, Exception? innerException)
        : base($"{method}: Ethereum endpoint {Redact(endpoint)} unreachable after {attempts} attempt(s): {innerException?.Message}", innerException)
    {
        Endpoint = endpoint;
        Attempts = attempts;
    }

    /// <summary>Creates the exception without details (for serializers).</summary>
    public EthereumUnreachableException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public EthereumUnreachableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error underneath.</summary>
    public EthereumUnreachableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The endpoint tried.</summary>
    public Uri? Endpoint { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    // Provider URLs often carry an API key in the path or query; print only scheme, host and port.
    private static string Redact(Uri endpoint) => endpoint.IsAbsoluteUri ? $"{endpoint.Scheme}://{endpoint.Authority}" : "(relative URL)";
}
