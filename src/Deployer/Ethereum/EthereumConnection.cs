using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Deployer.Ethereum;

/// <summary>The deployer's Ethereum client for a plan's endpoint: 30 s per call, two retries on transport errors.</summary>
internal static class EthereumConnection
{
    public static EthClient Connect(Uri url) =>
        new(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(url, TimeSpan.FromSeconds(30), MaxRetries: 2, RetryDelay: TimeSpan.FromMilliseconds(250))));
}
