using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;

namespace Rollout.Bridge.Contracts;

/// <summary>
/// Deploys contracts from their artifacts: creation code followed by the ABI-encoded constructor
/// arguments, sent as a signed type-2 transaction; the address comes from the receipt and is only
/// returned once code is there.
/// </summary>
public sealed class ContractDeployer(ContractTransactor transactor)
{
    private readonly ContractTransactor _transactor = transactor ?? throw new ArgumentNullException(nameof(transactor));

    /// <summary>The init code for <paramref name="artifact"/> with <paramref name="constructorArguments"/>.</summary>
    public static byte[] InitCode(ContractArtifact artifact, params IReadOnlyList<object?> constructorArguments)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return [.. artifact.Bytecode.Span, .. ContractAbi.Of(artifact).EncodeConstructor(constructorArguments)];
    }

    /// <summary>Deploys the embedded artifact called <paramref name="name"/> (see <see cref="ContractCatalog"/>).</summary>
    public Task<DeployedContract> DeployAsync(string name, Secp256k1Key deployer, IReadOnlyList<object?> constructorArguments, CancellationToken cancellationToken = default) =>
        DeployAsync(ContractCatalog.Load(name), deployer, constructorArguments, cancellationToken);

    /// <summary>Deploys <paramref name="artifact"/> from <paramref name="deployer"/>.</summary>
    public async Task<DeployedContract> DeployAsync(ContractArtifact artifact, Secp256k1Key deployer, IReadOnlyList<object?> constructorArguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var abi = ContractAbi.Of(artifact);
        var receipt = await _transactor.SendAsync($"deploy {artifact.ContractName}", deployer, null, InitCode(artifact, constructorArguments), errors: abi.Errors, cancellationToken: cancellationToken);
        var address = receipt.ContractAddress
            ?? throw new InvalidOperationException($"deploy {artifact.ContractName}: the receipt of {Hex.Encode(receipt.TransactionHash)} names no contract address");
        var code = await _transactor.Client.GetCodeAsync(address, cancellationToken: cancellationToken);
        if (code.Length == 0) throw new InvalidOperationException($"deploy {artifact.ContractName}: no code at {address} after the creation was mined");
        return new DeployedContract(artifact.ContractName, address, receipt, code.AsSpan().SequenceEqual(artifact.DeployedBytecode.Span));
    }
}
