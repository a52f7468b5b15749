using Rollout.Bridge.Ethereum.Rpc;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum.Rpc;

/// <summary>The shared devchain (ops/devchain/start, always stopped) with our client pointed at it.</summary>
public sealed class HardhatNodeFixture : IAsyncLifetime
{
    /// <summary>The first account of Hardhat's public test mnemonic, funded on the devchain.</summary>
    public const string Account0Key = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly Devchain _chain = new();

    public Uri Endpoint => _chain.Url;

    public EthClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _chain.InitializeAsync();
        Client = new EthClient(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(Endpoint, TimeSpan.FromSeconds(30), 0)));
    }

    public Task DisposeAsync() => _chain.DisposeAsync();
}
