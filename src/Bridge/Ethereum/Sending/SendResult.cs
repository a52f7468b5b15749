using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Ethereum.Sending;

/// <summary>The outcome of a send or reconcile, the record as stored afterwards, and the receipt once mined.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Record">The stored record.</param>
/// <param name="Receipt">The receipt, for <see cref="SendOutcome.Mined"/> and <see cref="SendOutcome.Reverted"/> found in this step.</param>
public sealed record SendResult(SendOutcome Outcome, TransactionRecord Record, TransactionReceipt? Receipt = null);
