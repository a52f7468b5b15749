using System.Numerics;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Ethereum.Transactions;

/// <summary>
/// What a type-2 transaction offers to pay, as every sender here prices it: the node's suggested tip, and a fee cap
/// of twice the latest block's base fee plus the tip (room for the base fee to double before inclusion). A node with
/// no base fee in its latest block is priced on its gas price instead.
/// </summary>
/// <param name="MaxPriorityFeePerGas">The tip.</param>
/// <param name="MaxFeePerGas">The fee cap.</param>
public sealed record FeeQuote(BigInteger MaxPriorityFeePerGas, BigInteger MaxFeePerGas)
{
    /// <summary>The quote for the next block of <paramref name="client"/>'s chain.</summary>
    public static async Task<FeeQuote> NextAsync(EthClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var tip = await client.MaxPriorityFeePerGasAsync(cancellationToken);
        var baseFee = (await client.GetBlockByNumberAsync(BlockTag.Latest, cancellationToken))?.BaseFeePerGas ?? await client.GasPriceAsync(cancellationToken);
        return new FeeQuote(tip, (2 * baseFee) + tip);
    }

    /// <summary>A gas limit: the node's <paramref name="estimate"/> plus <paramref name="marginPercent"/> percent of it.</summary>
    public static ulong GasLimit(ulong estimate, int marginPercent) => checked(estimate + (estimate * (ulong)marginPercent / 100));
}
