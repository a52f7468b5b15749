using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Ethereum.Sending;

/// <summary>The node calls the write-ahead sender needs; <see cref="EthClient"/> provides them.</summary>
public interface ITransactionChain
{
    /// <summary><c>eth_getTransactionCount</c>.</summary>
    Task<ulong> GetTransactionCountAsync(Address address, BlockTag block, CancellationToken cancellationToken = default);

    /// <summary><c>eth_sendRawTransaction</c>.</summary>
    Task<byte[]> SendRawTransactionAsync(byte[] rawTransaction, CancellationToken cancellationToken = default);

    /// <summary><c>eth_getTransactionReceipt</c>.</summary>
    Task<TransactionReceipt?> GetTransactionReceiptAsync(byte[] transactionHash, CancellationToken cancellationToken = default);

    /// <summary><c>eth_getTransactionByHash</c>.</summary>
    Task<TransactionInfo?> GetTransactionByHashAsync(byte[] transactionHash, CancellationToken cancellationToken = default);
}
