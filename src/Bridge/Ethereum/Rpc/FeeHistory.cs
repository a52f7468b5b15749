using System.Numerics;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary><c>eth_feeHistory</c>: base fees (one more than the blocks asked, the next block's) and tip percentiles per block.</summary>
/// <param name="OldestBlock">The first block covered.</param>
/// <param name="BaseFeePerGas">Base fee per block, plus the next block's.</param>
/// <param name="Reward">Per block, the tips at the asked percentiles.</param>
public sealed record FeeHistory(ulong OldestBlock, IReadOnlyList<BigInteger> BaseFeePerGas, IReadOnlyList<IReadOnlyList<BigInteger>> Reward);
