using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Deployer.Tests.Journal;

/// <summary>A chain whose answers the test sets: mined and known transactions, the sender's counts; it records every send.</summary>
internal sealed class ScriptedChain : ITransactionChain
{
    public List<byte[]> Sent { get; } = [];

    public Dictionary<string, ulong> Mined { get; } = [];

    public HashSet<string> Known { get; } = [];

    public ulong LatestCount { get; set; }

    public ulong PendingCount { get; set; }

    /// <summary>When true a send mines at once (like Hardhat's automine); else it is only known.</summary>
    public bool AutoMine { get; set; } = true;

    public Task<ulong> GetTransactionCountAsync(Address address, BlockTag block, CancellationToken cancellationToken = default) =>
        Task.FromResult(block == BlockTag.Latest ? LatestCount : PendingCount);

    public Task<byte[]> SendRawTransactionAsync(byte[] rawTransaction, CancellationToken cancellationToken = default)
    {
        Sent.Add(rawTransaction);
        var hash = SignedTransaction.Decode(rawTransaction).Hash;
        if (AutoMine)
        {
            Mined[Hex.Encode(hash)] = 7;
            LatestCount++;
        }
        else
        {
            Known.Add(Hex.Encode(hash));
        }
        PendingCount++;
        return Task.FromResult(hash);
    }

    public Task<TransactionReceipt?> GetTransactionReceiptAsync(byte[] transactionHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(Mined.TryGetValue(Hex.Encode(transactionHash), out var block)
            ? new TransactionReceipt(transactionHash, block, new byte[32], Address.Zero, null, true, 21000, 1, null, [])
            : null);

    public Task<TransactionInfo?> GetTransactionByHashAsync(byte[] transactionHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(Known.Contains(Hex.Encode(transactionHash)) || Mined.ContainsKey(Hex.Encode(transactionHash))
            ? new TransactionInfo(transactionHash, Address.Zero, 0, null, 0, [], null)
            : null);
}
