using System.Numerics;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Safe;

/// <summary>
/// How an <c>execTransaction</c> ended once mined: the Safe emits <c>ExecutionSuccess</c> when the inner
/// call succeeded and <c>ExecutionFailure</c> when it reverted (possible only with safeTxGas or gasPrice
/// set; with both 0 the whole transaction reverts instead,
/// carrying the inner call's revert data). The nonce is used either way.
/// </summary>
/// <param name="Succeeded">True for ExecutionSuccess, false for ExecutionFailure.</param>
/// <param name="SafeTxHash">The hash the event names.</param>
/// <param name="Payment">The refund paid (0 without gas refunds).</param>
/// <param name="Receipt">The transaction's receipt.</param>
/// <param name="Events">Every log of the receipt the Safe's ABI knows, decoded.</param>
public sealed record SafeExecution(bool Succeeded, byte[] SafeTxHash, BigInteger Payment, TransactionReceipt Receipt, IReadOnlyList<DecodedEvent> Events);
