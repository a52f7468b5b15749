using System.Numerics;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>What <c>eth_getTransactionReceipt</c> reports for a mined transaction.</summary>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="BlockNumber">The block it was mined in.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="From">The sender.</param>
/// <param name="To">The recipient; null for a deployment.</param>
/// <param name="Succeeded">Status 1 (true) or 0 (reverted).</param>
/// <param name="GasUsed">Gas the transaction used.</param>
/// <param name="EffectiveGasPrice">Wei per gas actually paid.</param>
/// <param name="ContractAddress">The deployed contract, for a deployment.</param>
/// <param name="Logs">The logs it emitted.</param>
public sealed record TransactionReceipt(
    byte[] TransactionHash,
    ulong BlockNumber,
    byte[] BlockHash,
    Address From,
    Address? To,
    bool Succeeded,
    ulong GasUsed,
    BigInteger EffectiveGasPrice,
    Address? ContractAddress,
    IReadOnlyList<LogEntry> Logs);
