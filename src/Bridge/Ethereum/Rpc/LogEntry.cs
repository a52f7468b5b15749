namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>One event log as <c>eth_getLogs</c> and receipts return it.</summary>
/// <param name="Address">The emitting contract.</param>
/// <param name="Topics">Topic 0 (the event) and the indexed parameters.</param>
/// <param name="Data">The non-indexed parameters, ABI-encoded.</param>
/// <param name="BlockNumber">The block, null while pending.</param>
/// <param name="TransactionHash">The transaction, null while pending.</param>
/// <param name="LogIndex">Position in the block, null while pending.</param>
/// <param name="Removed">True when a reorganisation removed the log.</param>
public sealed record LogEntry(Address Address, IReadOnlyList<byte[]> Topics, byte[] Data, ulong? BlockNumber, byte[]? TransactionHash, ulong? LogIndex, bool Removed);
