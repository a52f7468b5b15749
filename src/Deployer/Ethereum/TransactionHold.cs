using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Sending;

namespace Rollout.Deployer.Ethereum;

/// <summary>Why the write-ahead sender held a journaled transaction, in the operator's terms: for a taken nonce, the foreign transaction that took it.</summary>
internal static class TransactionHold
{
    /// <summary>The hold's explanation; looks the foreign transaction up when the nonce was taken.</summary>
    public static async Task<string> ExplainAsync(EthClient client, TransactionRecord record, CancellationToken cancellationToken)
    {
        var why = record.Note ?? "the sender could not decide";
        if (!why.Contains("nonce", StringComparison.Ordinal)) return why;
        var foreign = await ForeignNonceFinder.FindAsync(client, record.Sender, record.Nonce, record.Hash, cancellationToken);
        return foreign is { } f
            ? $"nonce {record.Nonce} of {record.Sender} was taken by transaction {Hex.Encode(f.Hash)}, which is not ours ({(f.Block is { } b ? $"mined in block {b}" : "pending")}): {why}"
            : $"{why} (the foreign transaction is not in the pending block or the last {ForeignNonceFinder.Depth} blocks)";
    }

    /// <summary>Blocks from <paramref name="receipt"/>'s block to the head, inclusive (0 when the node is behind it).</summary>
    public static async Task<ulong> ConfirmationsAsync(EthClient client, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var latest = await client.BlockNumberAsync(cancellationToken);
        return latest >= receipt.BlockNumber ? latest - receipt.BlockNumber + 1 : 0;
    }
}
