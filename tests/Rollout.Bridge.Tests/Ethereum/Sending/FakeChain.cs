using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Bridge.Tests.Ethereum.Sending;

/// <summary>
/// A chain with a mempool, for the sender's tests: it decodes the raw bytes it is sent (so the bytes
/// are real transactions), mines in nonce order, and can drop, fail or let foreign transactions in.
/// </summary>
internal sealed class FakeChain(ITransactionRecordStore store) : ITransactionChain
{
    private readonly Dictionary<Address, ulong> _mined = [];
    private readonly List<(byte[] Hash, Address Sender, ulong Nonce, byte[] Raw, bool Reverts)> _pool = [];
    private readonly Dictionary<string, TransactionReceipt> _receipts = new(StringComparer.Ordinal);
    private ulong _block = 100;

    public List<byte[]> SentRaw { get; } = [];

    /// <summary>Throws as an unreachable node would, before the bytes reach the pool.</summary>
    public bool FailBeforeAccepting { get; set; }

    /// <summary>Accepts the bytes, then loses the answer (a crash or dropped connection after sending).</summary>
    public bool FailAfterAccepting { get; set; }

    /// <summary>Hashes whose transactions revert when mined.</summary>
    public HashSet<string> Reverting { get; } = new(StringComparer.Ordinal);

    public async Task<byte[]> SendRawTransactionAsync(byte[] rawTransaction, CancellationToken cancellationToken = default)
    {
        var tx = SignedTransaction.Decode(rawTransaction);
        var sender = tx.Sender();
        var open = await store.ListOpenAsync(sender, tx.ChainId, cancellationToken);
        if (!open.Any(r => r.Hash.AsSpan().SequenceEqual(tx.Hash) && r.RawBytes.AsSpan().SequenceEqual(rawTransaction)))
        {
            throw new InvalidOperationException("the sender sent bytes it had not stored first");
        }
        if (FailBeforeAccepting) throw new EthereumUnreachableException("node down");
        SentRaw.Add(rawTransaction);
        if (_pool.Any(p => p.Hash.AsSpan().SequenceEqual(tx.Hash))) throw new JsonRpcException("eth_sendRawTransaction", -32000, "already known", null);
        if (tx.Nonce < Mined(sender)) throw new JsonRpcException("eth_sendRawTransaction", -32000, "nonce too low", null);
        if (_pool.Any(p => p.Sender == sender && p.Nonce == tx.Nonce)) throw new JsonRpcException("eth_sendRawTransaction", -32000, "replacement transaction underpriced", null);
        _pool.Add((tx.Hash, sender, tx.Nonce, rawTransaction, Reverting.Contains(Hex.Encode(tx.Hash))));
        if (FailAfterAccepting) throw new EthereumUnreachableException("answer lost");
        return tx.Hash;
    }

    public Task<ulong> GetTransactionCountAsync(Address address, BlockTag block, CancellationToken cancellationToken = default)
    {
        var count = Mined(address);
        if (block == BlockTag.Pending)
        {
            while (_pool.Any(p => p.Sender == address && p.Nonce == count)) count++;
        }
        return Task.FromResult(count);
    }

    public Task<TransactionReceipt?> GetTransactionReceiptAsync(byte[] transactionHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_receipts.GetValueOrDefault(Hex.Encode(transactionHash)));

    public Task<TransactionInfo?> GetTransactionByHashAsync(byte[] transactionHash, CancellationToken cancellationToken = default)
    {
        var receipt = _receipts.GetValueOrDefault(Hex.Encode(transactionHash));
        var pooled = _pool.FirstOrDefault(p => p.Hash.AsSpan().SequenceEqual(transactionHash));
        if (receipt is not null) return Task.FromResult<TransactionInfo?>(new TransactionInfo(transactionHash, receipt.From, 0, receipt.To, 0, [], receipt.BlockNumber));
        return Task.FromResult(pooled.Hash is null ? null : new TransactionInfo(transactionHash, pooled.Sender, pooled.Nonce, null, 0, [], null));
    }

    /// <summary>Mines every pooled transaction whose nonce is next, in order.</summary>
    public void Mine()
    {
        _block++;
        bool progress;
        do
        {
            progress = false;
            foreach (var p in _pool.ToArray())
            {
                if (p.Nonce != Mined(p.Sender)) continue;
                _pool.Remove(p);
                _mined[p.Sender] = p.Nonce + 1;
                _receipts[Hex.Encode(p.Hash)] = new TransactionReceipt(p.Hash, _block, new byte[32], p.Sender, null, !p.Reverts, 21_000, 1, null, []);
                progress = true;
            }
        }
        while (progress);
    }

    /// <summary>Forgets every pooled transaction, as a node restart or eviction does.</summary>
    public void DropAll() => _pool.Clear();

    /// <summary>Another signer using the same account mines a transaction at its next nonce.</summary>
    public void ForeignMined(Address sender) => _mined[sender] = Mined(sender) + 1;

    /// <summary>Another signer's transaction waits in the pool at <paramref name="nonce"/>.</summary>
    public void ForeignPending(Address sender, ulong nonce) =>
        _pool.Add((Enumerable.Repeat((byte)7, 32).ToArray(), sender, nonce, [], false));

    private ulong Mined(Address sender) => _mined.GetValueOrDefault(sender);
}
