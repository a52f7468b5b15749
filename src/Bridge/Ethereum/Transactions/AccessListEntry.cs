namespace Rollout.Bridge.Ethereum.Transactions;

/// <summary>One EIP-2930 access list entry: an address and the storage slots the transaction pre-declares.</summary>
/// <param name="Address">The contract.</param>
/// <param name="StorageKeys">32-byte storage slots.</param>
public sealed record AccessListEntry(Address Address, IReadOnlyList<byte[]> StorageKeys);
