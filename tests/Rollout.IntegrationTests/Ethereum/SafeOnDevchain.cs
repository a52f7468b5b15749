using System.Globalization;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Safe;
using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Ethereum;

/// <summary>
/// The shared devchain with the Safe contracts deployed by our client and one 2-of-3 Safe created
/// through the factory. Every account is a fresh key funded with <c>hardhat_setBalance</c>, so nothing
/// here depends on the devchain's mnemonic or on what other tests of the collection did.
/// </summary>
public sealed class SafeOnDevchain : IAsyncLifetime, IDisposable
{
    private readonly Chain _chain;
    private readonly HttpClient _http = new();

    /// <summary>Takes the collection's chain (xunit injects it into class fixtures).</summary>
    public SafeOnDevchain(Chain chain) => _chain = chain;

    public EthClient Client { get; private set; } = null!;

    public ContractTransactor Transactor { get; private set; } = null!;

    public Secp256k1Key Deployer { get; } = Secp256k1Key.Generate();

    public Secp256k1Key[] Owners { get; } = [Secp256k1Key.Generate(), Secp256k1Key.Generate(), Secp256k1Key.Generate()];

    public SafeDeployment Deployment { get; private set; } = null!;

    public SafeContract Safe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = new EthClient(new JsonRpcClient(_http, new JsonRpcOptions(_chain.Url, TimeSpan.FromSeconds(30), 0)));
        Transactor = await ContractTransactor.ConnectAsync(Client, TimeProvider.System, new ContractTransactorOptions(PollInterval: TimeSpan.FromMilliseconds(20)));
        await FundAsync(Deployer.Address);
        Deployment = await SafeDeployment.DeployAsync(Transactor, Deployer);
        Safe = await SafeContract.CreateAsync(Transactor, Deployment, Deployer, Owners.Select(o => o.Address).ToArray(), 2, 1);
    }

    /// <summary>Gives <paramref name="account"/> 100 ether.</summary>
    public Task FundAsync(Address account) =>
        Client.Rpc.CallAsync("hardhat_setBalance", [account.ToLowerHex(), "0x56bc75e2d63100000"]);

    /// <summary>A new funded key.</summary>
    public async Task<Secp256k1Key> NewAccountAsync()
    {
        var key = Secp256k1Key.Generate();
        await FundAsync(key.Address);
        return key;
    }

    /// <summary>
    /// The owners' signatures of <paramref name="proposal"/>, each accepted by the collector, packed in ascending
    /// owner order by hand: the collector's <c>Packed</c> refuses fewer than the threshold, which tests send to show the Safe refusing them.
    /// </summary>
    public byte[] Sign(SafeTxProposal proposal, params Secp256k1Key[] signers)
    {
        var collector = new SafeSignatureCollector(proposal.SafeTxHash, Owners.Select(o => o.Address), 2);
        var signatures = signers.Select(signer => SafeSignature.SignHash(proposal.SafeTxHash, signer)).ToList();
        foreach (var signature in signatures) Assert.Null(collector.Add(signature));
        return [.. signatures.OrderBy(s => s.Owner.ToLowerHex(), StringComparer.Ordinal).SelectMany(s => s.Signature)];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Deployer.Dispose();
        foreach (var owner in Owners) owner.Dispose();
        _http.Dispose();
    }

    internal static string Decimal(System.Numerics.BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
