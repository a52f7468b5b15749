namespace Rollout.Bridge.Ethereum.Sending;

/// <summary>
/// Durable storage of written-ahead transactions. <see cref="SaveAsync"/> must be durable when it
/// returns (the sender sends only after it), and must insert or replace by <see cref="TransactionRecord.Key"/>.
/// The deployer's SQLite journal implements it; <see cref="InMemoryTransactionRecordStore"/> serves tests.
/// </summary>
public interface ITransactionRecordStore
{
    /// <summary>The record stored under <paramref name="key"/>, or null.</summary>
    Task<TransactionRecord?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the record with the same key, durably.</summary>
    Task SaveAsync(TransactionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every record of <paramref name="sender"/> on <paramref name="chainId"/> that is not final, in nonce order.</summary>
    Task<IReadOnlyList<TransactionRecord>> ListOpenAsync(Address sender, System.Numerics.BigInteger chainId, CancellationToken cancellationToken = default);
}
