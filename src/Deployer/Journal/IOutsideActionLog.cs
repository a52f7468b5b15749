namespace Rollout.Deployer.Journal;

/// <summary>
/// What a sender of outside actions (the Ethereum client's transaction sender, the operation publisher) uses:
/// record the signed bytes and hash before sending, mark them sent, record the outcome. On resume, an
/// action found Prepared may be sent with exactly its recorded bytes; one found Sent must be looked up
/// (receipt, nonce) before anything else is done; Unknown stops the rollout for an operator.
/// </summary>
public interface IOutsideActionLog
{
    /// <summary>Records an action before it is sent; refuses a key already recorded. Returns its id.</summary>
    Task<long> RecordPreparedAsync(long stepId, string kind, string key, ReadOnlyMemory<byte> raw, string hashHex, CancellationToken cancellationToken = default);

    /// <summary>Records that the action was handed over.</summary>
    Task RecordSentAsync(long actionId, CancellationToken cancellationToken = default);

    /// <summary>Records the action's outcome (Confirmed, Reverted, Dropped or Unknown).</summary>
    Task RecordOutcomeAsync(long actionId, OutsideActionStatus status, string detail, CancellationToken cancellationToken = default);

    /// <summary>The action with <paramref name="key"/>, if one was prepared.</summary>
    Task<OutsideAction?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Actions not yet settled (Prepared, Sent or Unknown), oldest first.</summary>
    Task<IReadOnlyList<OutsideAction>> ListUnsettledAsync(CancellationToken cancellationToken = default);
}
