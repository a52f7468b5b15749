using System.Text.Json;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Deployer.Ethereum;

/// <summary>
/// Names the transaction that took a nonce we had written ahead: the operator must know which foreign
/// transaction it is before deciding. Looks in the pending block, then back through recent blocks.
/// </summary>
internal static class ForeignNonceFinder
{
    /// <summary>How many recent blocks are searched.</summary>
    public const int Depth = 256;

    public static async Task<(byte[] Hash, ulong? Block)?> FindAsync(EthClient client, Address sender, ulong nonce, byte[] ours, CancellationToken cancellationToken)
    {
        // Read raw: a pending block has no number or hash, which the typed header refuses.
        var pending = await client.Rpc.CallAsync("eth_getBlockByNumber", [BlockTag.Pending.ToString(), false], cancellationToken);
        if (pending.ValueKind == JsonValueKind.Object && pending.TryGetProperty("transactions", out var hashes) && hashes.ValueKind == JsonValueKind.Array
            && await SearchAsync(client, hashes.EnumerateArray().Select(h => Hex.Decode(h.GetString() ?? "", "transactions[]")).ToList(), sender, nonce, ours, cancellationToken) is { } inPending)
        {
            return inPending;
        }
        var latest = await client.BlockNumberAsync(cancellationToken);
        for (ulong n = latest, seen = 0; seen < Depth; n--, seen++)
        {
            if (await client.GetBlockByNumberAsync(BlockTag.Number(n), cancellationToken) is { } block
                && await SearchAsync(client, block.TransactionHashes, sender, nonce, ours, cancellationToken) is { } found)
            {
                return found;
            }
            if (n == 0) break;
        }
        return null;
    }

    private static async Task<(byte[] Hash, ulong? Block)?> SearchAsync(EthClient client, IReadOnlyList<byte[]> hashes, Address sender, ulong nonce, byte[] ours, CancellationToken cancellationToken)
    {
        foreach (var hash in hashes)
        {
            if (hash.AsSpan().SequenceEqual(ours)) continue;
            if (await client.GetTransactionByHashAsync(hash, cancellationToken) is { } tx && tx.From == sender && tx.Nonce == nonce)
            {
                return (hash, tx.BlockNumber);
            }
        }
        return null;
    }
}
