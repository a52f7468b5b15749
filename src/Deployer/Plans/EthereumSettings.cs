namespace Rollout.Deployer.Plans;

/// <summary>The Ethereum side of the bridge.</summary>
/// <param name="RpcUrl">JSON-RPC endpoint.</param>
/// <param name="ChainId">Chain id the endpoint must report and transactions are signed for.</param>
/// <param name="Confirmations">Blocks on top of a transaction's block before it counts as confirmed.</param>
/// <param name="WrappedTokenAddress">The wQUIL ERC-20, or null when the rehearsal deploys it.</param>
/// <param name="BridgeContractAddress">The bridge contract, or null when the rehearsal deploys it.</param>
/// <param name="SafeAddress">The Safe multisig that unpauses, or null when the rehearsal deploys it.</param>
public sealed record EthereumSettings(
    Uri RpcUrl, ulong ChainId, int Confirmations, string? WrappedTokenAddress, string? BridgeContractAddress, string? SafeAddress)
{
    /// <summary>The account given the wQUIL pauser role at deployment, or null when the plan names none.</summary>
    public string? Pauser { get; init; }

    /// <summary>The account given the wQUIL minter role (the bridge's relayer) at deployment, or null when the plan names none.</summary>
    public string? Minter { get; init; }

    /// <summary>The deployer's secp256k1 keystore (Web3 Secret Storage), as written in the plan: relative to the plan file's folder.</summary>
    public string? DeployerKeystore { get; init; }

    /// <summary>
    /// Where the deployer writes the SafeTx files the Safe's owners sign (<c>rollout eth safe-sign --tx</c>) and
    /// collects their signature files, as written in the plan: relative to the plan file's folder.
    /// </summary>
    public string SafeFolder { get; init; } = DefaultSafeFolder;

    /// <summary>The Safe folder when the plan names none.</summary>
    public const string DefaultSafeFolder = "safe";
}
