using System.Numerics;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>What <c>eth_getTransactionByHash</c> reports: a transaction the node knows, mined or pending.</summary>
/// <param name="Hash">The transaction hash.</param>
/// <param name="From">The sender.</param>
/// <param name="Nonce">The sender's nonce.</param>
/// <param name="To">The recipient; null for a deployment.</param>
/// <param name="Value">Wei sent.</param>
/// <param name="Input">Calldata.</param>
/// <param name="BlockNumber">The block, null while pending.</param>
public sealed record TransactionInfo(byte[] Hash, Address From, ulong Nonce, Address? To, BigInteger Value, byte[] Input, ulong? BlockNumber);
