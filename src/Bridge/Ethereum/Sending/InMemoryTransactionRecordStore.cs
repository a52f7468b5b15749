using System.Collections.Concurrent;
using System.Numerics;

namespace Rollout.Bridge.Ethereum.Sending;

/// <summary>An <see cref="ITransactionRecordStore"/> in memory, for tests and dry runs; nothing survives the process.</summary>
public sealed class InMemoryTransactionRecordStore : ITransactionRecordStore
{
    private readonly ConcurrentDictionary<string, TransactionRecord> _records = new(StringComparer.Ordinal);

    /// <summary>How many times a record was saved (tests check that the write came before the send).</summary>
    public int Saves { get; private set; }

    /// <inheritdoc/>
    public Task<TransactionRecord?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.TryGetValue(key, out var record) ? record : null);

    /// <inheritdoc/>
    public Task SaveAsync(TransactionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.Key] = record;
        Saves++;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TransactionRecord>> ListOpenAsync(Address sender, BigInteger chainId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TransactionRecord>>(_records.Values
            .Where(r => r.Sender == sender && r.ChainId == chainId && !r.IsFinal)
            .OrderBy(r => r.Nonce)
            .ToArray());
}
