using System.Numerics;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.TypedData;

namespace Rollout.Bridge.Safe;

/// <summary>
/// A Safe proxy: creating one (<c>createProxyWithNonce</c> with a <c>setup</c> initializer; the address
/// from the factory's <c>ProxyCreation</c> event), reading owners, threshold and nonce, and executing a
/// SafeTx with collected signatures. The Safe's own checks (GS0xx codes) come back as
/// <see cref="ContractRevertedException"/> with the <c>Error(string)</c> code as the message.
/// </summary>
public sealed class SafeContract
{
    private readonly ContractTransactor _transactor;

    /// <summary>Wraps the Safe at <paramref name="address"/>.</summary>
    public SafeContract(ContractTransactor transactor, Address address)
    {
        _transactor = transactor ?? throw new ArgumentNullException(nameof(transactor));
        Address = address ?? throw new ArgumentNullException(nameof(address));
    }

    /// <summary>The Safe's (proxy's) address.</summary>
    public Address Address { get; }

    /// <summary>The chain the Safe is on.</summary>
    public BigInteger ChainId => _transactor.ChainId;

    /// <summary>The Safe's ABI (Safe 1.5.0).</summary>
    public static ContractAbi Abi { get; } = ContractAbi.Of(ContractCatalog.Load(ContractCatalog.Safe));

    /// <summary>The proxy factory's ABI.</summary>
    public static ContractAbi FactoryAbi { get; } = ContractAbi.Of(ContractCatalog.Load(ContractCatalog.SafeProxyFactory));

    /// <summary>The <c>setup</c> calldata: owners, threshold, no module call, the fallback handler, no payment.</summary>
    public static byte[] EncodeSetup(IReadOnlyList<Address> owners, int threshold, Address fallbackHandler)
    {
        ArgumentNullException.ThrowIfNull(owners);
        if (owners.Count == 0 || threshold < 1 || threshold > owners.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), $"threshold {threshold} with {owners.Count} owners");
        }
        if (owners.Distinct().Count() != owners.Count) throw new ArgumentException("owners repeat an address", nameof(owners));
        return Abi.Function("setup").EncodeCall(owners.ToArray(), threshold, Address.Zero, Array.Empty<byte>(), fallbackHandler, Address.Zero, 0, Address.Zero);
    }

    /// <summary>Creates a Safe proxy with <paramref name="owners"/> and <paramref name="threshold"/> through the factory.</summary>
    public static async Task<SafeContract> CreateAsync(ContractTransactor transactor, SafeDeployment deployment, Secp256k1Key creator, IReadOnlyList<Address> owners, int threshold, BigInteger saltNonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactor);
        ArgumentNullException.ThrowIfNull(deployment);
        var call = FactoryAbi.Function("createProxyWithNonce").EncodeCall(deployment.Singleton, EncodeSetup(owners, threshold, deployment.FallbackHandler), saltNonce);
        var receipt = await transactor.SendAsync("SafeProxyFactory.createProxyWithNonce", creator, deployment.ProxyFactory, call, errors: FactoryAbi.Errors, cancellationToken: cancellationToken);
        var created = FactoryAbi.DecodeLogs(receipt.Logs, deployment.ProxyFactory).FirstOrDefault(e => e.Name == "ProxyCreation")
            ?? throw new InvalidOperationException($"createProxyWithNonce {Hex.Encode(receipt.TransactionHash)}: no ProxyCreation event from the factory");
        return new SafeContract(transactor, created.Get<Address>("proxy"));
    }

    /// <summary><c>getOwners()</c>.</summary>
    public async Task<IReadOnlyList<Address>> GetOwnersAsync(CancellationToken cancellationToken = default) =>
        ((object?[])(await ReadAsync("getOwners", [], cancellationToken))[0]!).Cast<Address>().ToArray();

    /// <summary><c>getThreshold()</c>.</summary>
    public async Task<int> GetThresholdAsync(CancellationToken cancellationToken = default) =>
        (int)(BigInteger)(await ReadAsync("getThreshold", [], cancellationToken))[0]!;

    /// <summary><c>nonce()</c>: the nonce the next SafeTx must carry.</summary>
    public async Task<BigInteger> GetNonceAsync(CancellationToken cancellationToken = default) =>
        (BigInteger)(await ReadAsync("nonce", [], cancellationToken))[0]!;

    /// <summary><c>VERSION()</c>.</summary>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken = default) =>
        (string)(await ReadAsync("VERSION", [], cancellationToken))[0]!;

    /// <summary>The Safe's own <c>getTransactionHash</c> of a SafeTx, to compare with ours.</summary>
    public async Task<byte[]> GetTransactionHashAsync(SafeTx tx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return (byte[])(await ReadAsync("getTransactionHash", [tx.To, tx.Value, tx.Data, tx.Operation, tx.SafeTxGas, tx.BaseGas, tx.GasPrice, tx.GasToken, tx.RefundReceiver, tx.Nonce], cancellationToken))[0]!;
    }

    /// <summary>A plain call from this Safe at its current nonce, ready for owners to sign.</summary>
    public async Task<SafeTxProposal> ProposeCallAsync(Address to, byte[] data, string? description = null, CancellationToken cancellationToken = default) =>
        SafeTxProposal.Call(Address, ChainId, to, data, await GetNonceAsync(cancellationToken), description: description);

    /// <summary>
    /// Sends <c>execTransaction</c> from <paramref name="sender"/> (anyone may; the signatures authorise)
    /// and reads ExecutionSuccess or ExecutionFailure from the receipt.
    /// </summary>
    public async Task<SafeExecution> ExecTransactionAsync(SafeTx tx, byte[] packedSignatures, Secp256k1Key sender, IEnumerable<Ethereum.Abi.AbiError>? innerErrors = null, CancellationToken cancellationToken = default)
    {
        var call = EncodeExecTransaction(tx, packedSignatures);
        var receipt = await _transactor.SendAsync("Safe.execTransaction", sender, Address, call, errors: [.. Abi.Errors, .. innerErrors ?? []], cancellationToken: cancellationToken);
        return ReadExecution(receipt, Address);
    }

    /// <summary>The <c>execTransaction</c> calldata of <paramref name="tx"/> with the owners' packed signatures.</summary>
    public static byte[] EncodeExecTransaction(SafeTx tx, byte[] packedSignatures)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(packedSignatures);
        return Abi.Function("execTransaction").EncodeCall(tx.To, tx.Value, tx.Data, tx.Operation, tx.SafeTxGas, tx.BaseGas, tx.GasPrice, tx.GasToken, tx.RefundReceiver, packedSignatures);
    }

    /// <summary>How a mined <c>execTransaction</c> of the Safe at <paramref name="safe"/> ended, read from its receipt's events.</summary>
    public static SafeExecution ReadExecution(TransactionReceipt receipt, Address safe)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var events = Abi.DecodeLogs(receipt.Logs, safe);
        var outcome = events.FirstOrDefault(e => e.Name is "ExecutionSuccess" or "ExecutionFailure")
            ?? throw new InvalidOperationException($"execTransaction {Hex.Encode(receipt.TransactionHash)}: neither ExecutionSuccess nor ExecutionFailure from {safe}");
        return new SafeExecution(outcome.Name == "ExecutionSuccess", outcome.Get<byte[]>("txHash"), outcome.Get<BigInteger>("payment"), receipt, events);
    }

    private async Task<object?[]> ReadAsync(string name, IReadOnlyList<object?> arguments, CancellationToken cancellationToken)
    {
        var function = Abi.Function(name);
        var result = await _transactor.CallAsync($"Safe.{name}", Address, function.EncodeCall(arguments), errors: Abi.Errors, cancellationToken: cancellationToken);
        return function.DecodeOutput(result);
    }
}
