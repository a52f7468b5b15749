using System.Numerics;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>The parts of <c>eth_getBlockByNumber</c> (without full transactions) the deployer and monitor use.</summary>
/// <param name="Number">Block number.</param>
/// <param name="Hash">Block hash.</param>
/// <param name="ParentHash">Parent's hash.</param>
/// <param name="Timestamp">Unix seconds.</param>
/// <param name="GasLimit">Block gas limit.</param>
/// <param name="GasUsed">Gas used.</param>
/// <param name="BaseFeePerGas">EIP-1559 base fee, null before London.</param>
/// <param name="TransactionHashes">The block's transactions.</param>
public sealed record BlockHeader(ulong Number, byte[] Hash, byte[] ParentHash, ulong Timestamp, ulong GasLimit, ulong GasUsed, BigInteger? BaseFeePerGas, IReadOnlyList<byte[]> TransactionHashes);
