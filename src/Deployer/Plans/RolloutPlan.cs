namespace Rollout.Deployer.Plans;

/// <summary>A validated plan file: everything the deployer needs to drive one rollout.</summary>
/// <param name="Source">The plan file's path.</param>
/// <param name="Sha256Hex">SHA-256 of the file's bytes; journaled as the plan version.</param>
/// <param name="Network">Rehearsal or mainnet.</param>
/// <param name="Signatories">Release signatories' Ed448 public keys, lowercase hex, zeroed slots kept in place.</param>
/// <param name="Quorum">Release and unlock quorums.</param>
/// <param name="BeaconKey">The beacon's Ed448 public key, lowercase hex.</param>
/// <param name="BootstrapPeers">Bootstrap peers.</param>
/// <param name="Mesh">Gossip and connection-manager settings.</param>
/// <param name="SubshardThreshold">Provers per shard above which enrollment must split into subshards.</param>
/// <param name="SnapshotFolder">Snapshot folder, resolved against the plan file's folder.</param>
/// <param name="BridgeAddress">The node-side bridge address (32 bytes, lowercase hex).</param>
/// <param name="Ethereum">Ethereum endpoint, chain and contracts.</param>
/// <param name="Checks">Check thresholds.</param>
/// <param name="Testnet">Testnet-only switches.</param>
public sealed record RolloutPlan(
    string Source,
    string Sha256Hex,
    NetworkProfile Network,
    IReadOnlyList<string> Signatories,
    QuorumRules Quorum,
    string BeaconKey,
    IReadOnlyList<BootstrapPeer> BootstrapPeers,
    MeshSettings Mesh,
    int SubshardThreshold,
    string SnapshotFolder,
    string BridgeAddress,
    EthereumSettings Ethereum,
    CheckThresholds Checks,
    TestnetSettings Testnet)
{
    /// <summary>The release binary and the unlock's phrase and collection folder.</summary>
    public ReleaseSettings Release { get; init; } = ReleaseSettings.Default;

    /// <summary>A path from the plan, resolved against the plan file's folder.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Source)) ?? ".", path));
}
