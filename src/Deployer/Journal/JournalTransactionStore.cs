using System.Globalization;
using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Transactions;
using Rollout.Deployer.Faults;

namespace Rollout.Deployer.Journal;

/// <summary>
/// The write-ahead sender's <see cref="ITransactionRecordStore"/> on the deployment journal: a record becomes an
/// outside action (kind <see cref="Kind"/>) whose prepared, sent and outcome events are hash-chained like every
/// other event. Signed → prepared (the raw bytes and hash, before <c>eth_sendRawTransaction</c>); Sent → sent;
/// Mined → confirmed; Reverted → reverted; Held → unknown (with the reason). Chain, sender and nonce are read back
/// from the recorded signed bytes, so the journal holds one source of truth. The fault points
/// <c>&lt;point&gt;.record:before|after</c>, <c>&lt;point&gt;.sent:after</c> and <c>&lt;point&gt;.receipt:after</c>
/// sit where a crash matters.
/// </summary>
public sealed class JournalTransactionStore(IOutsideActionLog log, Func<long> stepId, IFaultInjector faults, string faultPoint, TimeProvider time) : ITransactionRecordStore
{
    /// <summary>The outside-action kind of an Ethereum transaction.</summary>
    public const string Kind = "ethereum-transaction";

    /// <inheritdoc/>
    public async Task<TransactionRecord?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var action = await log.FindAsync(key, cancellationToken);
        return action is null ? null : ToRecord(action);
    }

    /// <inheritdoc/>
    public async Task SaveAsync(TransactionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var existing = await log.FindAsync(record.Key, cancellationToken);
        if (existing is null)
        {
            if (record.State != TransactionRecordState.Signed) throw new InvalidOperationException($"{record.Key}: the first record of a transaction must be its signed bytes, not {record.State}");
            faults.Reached($"{faultPoint}.record", FaultPhase.Before);
            await log.RecordPreparedAsync(stepId(), Kind, record.Key, record.RawBytes, Hex.Encode(record.Hash), cancellationToken);
            faults.Reached($"{faultPoint}.record", FaultPhase.After);
            return;
        }
        if (existing.Kind != Kind) throw new InvalidOperationException($"{record.Key}: journaled as {existing.Kind}, not an Ethereum transaction");
        if (!Convert.FromHexString(existing.RawHex).AsSpan().SequenceEqual(record.RawBytes))
        {
            // The journal's bytes are the ones that may have reached the node; they are never replaced.
            throw new InvalidOperationException($"{record.Key}: the journal holds other signed bytes for this transaction ({existing.HashHex})");
        }
        var current = ToRecord(existing);
        if (current.State == record.State && current.BlockNumber == record.BlockNumber && current.Note == record.Note) return;
        switch (record.State)
        {
            case TransactionRecordState.Signed:
                throw new InvalidOperationException($"{record.Key}: a {current.State} transaction cannot go back to Signed");
            case TransactionRecordState.Sent:
                if (existing.Status != OutsideActionStatus.Prepared) throw new InvalidOperationException($"{record.Key}: cannot mark a {existing.Status} action sent");
                await log.RecordSentAsync(existing.ActionId, cancellationToken);
                faults.Reached($"{faultPoint}.sent", FaultPhase.After);
                break;
            case TransactionRecordState.Mined:
                await log.RecordOutcomeAsync(existing.ActionId, OutsideActionStatus.Confirmed, BlockDetail(record, "mined"), cancellationToken);
                faults.Reached($"{faultPoint}.receipt", FaultPhase.After);
                break;
            case TransactionRecordState.Reverted:
                await log.RecordOutcomeAsync(existing.ActionId, OutsideActionStatus.Reverted, BlockDetail(record, "reverted"), cancellationToken);
                faults.Reached($"{faultPoint}.receipt", FaultPhase.After);
                break;
            default:
                await log.RecordOutcomeAsync(existing.ActionId, OutsideActionStatus.Unknown, record.Note ?? "held", cancellationToken);
                break;
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TransactionRecord>> ListOpenAsync(Address sender, BigInteger chainId, CancellationToken cancellationToken = default)
    {
        var unsettled = await log.ListUnsettledAsync(cancellationToken);
        return unsettled.Where(a => a.Kind == Kind).Select(ToRecord)
            .Where(r => r.Sender == sender && r.ChainId == chainId && !r.IsFinal)
            .OrderBy(r => r.Nonce)
            .ToList();
    }

    private TransactionRecord ToRecord(OutsideAction action)
    {
        var raw = Convert.FromHexString(action.RawHex);
        var signed = SignedTransaction.Decode(raw);
        var (state, block, note) = action.Status switch
        {
            OutsideActionStatus.Prepared => (TransactionRecordState.Signed, (ulong?)null, (string?)null),
            OutsideActionStatus.Sent => (TransactionRecordState.Sent, null, null),
            OutsideActionStatus.Confirmed => (TransactionRecordState.Mined, ParseBlock(action), null),
            OutsideActionStatus.Reverted => (TransactionRecordState.Reverted, ParseBlock(action), null),
            _ => (TransactionRecordState.Held, null, action.Detail),
        };
        // The journal keeps each event's time; the projection does not, and the sender only reads the state.
        return new TransactionRecord(action.Key, signed.ChainId, signed.Sender(), signed.Nonce, Hex.Decode(action.HashHex), raw, state, block, note, time.GetUtcNow());
    }

    private static string BlockDetail(TransactionRecord record, string what) =>
        $"block {record.BlockNumber?.ToString(CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"{record.Key}: {what} without a block number")}: {what}";

    private static ulong ParseBlock(OutsideAction action)
    {
        var text = action.Detail;
        var digits = text.StartsWith("block ", StringComparison.Ordinal) ? text[6..].Split(':')[0] : "";
        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var block) ? block
            : throw new InvalidDataException($"journal outside action #{action.ActionId} ({action.Key}): detail \"{text}\" does not name its block");
    }
}
