using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Contracts;

/// <summary>A contract deployed from an artifact.</summary>
/// <param name="Name">The artifact's contract name.</param>
/// <param name="Address">Where it lives (from the receipt).</param>
/// <param name="Receipt">The creation transaction's receipt.</param>
/// <param name="CodeMatchesArtifact">Whether the runtime code at the address is the artifact's deployed bytecode byte for byte (false for contracts with immutables).</param>
public sealed record DeployedContract(string Name, Address Address, TransactionReceipt Receipt, bool CodeMatchesArtifact);
