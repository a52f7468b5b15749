using System.Numerics;

namespace Rollout.Bridge.Ethereum.TypedData;

/// <summary>
/// The Safe's <c>SafeTx</c> EIP-712 message (Safe 1.3–1.5): what each owner signs before
/// <c>execTransaction</c>. The domain is <c>EIP712Domain(uint256 chainId,address verifyingContract)</c>
/// with the Safe's own address.
/// </summary>
/// <param name="To">The call's target.</param>
/// <param name="Value">Wei sent with the call.</param>
/// <param name="Data">The calldata.</param>
/// <param name="Operation">0 call, 1 delegatecall.</param>
/// <param name="SafeTxGas">Gas for the inner call (0: all).</param>
/// <param name="BaseGas">Gas paid for outside the inner call when refunding.</param>
/// <param name="GasPrice">Refund gas price (0: no refund).</param>
/// <param name="GasToken">Refund token (zero address: ether).</param>
/// <param name="RefundReceiver">Who gets the refund (zero address: tx.origin).</param>
/// <param name="Nonce">The Safe's nonce.</param>
public sealed record SafeTx(
    Address To,
    BigInteger Value,
    byte[] Data,
    byte Operation,
    BigInteger SafeTxGas,
    BigInteger BaseGas,
    BigInteger GasPrice,
    Address GasToken,
    Address RefundReceiver,
    BigInteger Nonce)
{
    /// <summary>The <c>SafeTx</c> struct type.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Types { get; } = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal)
    {
        ["SafeTx"] =
        [
            new("to", "address"), new("value", "uint256"), new("data", "bytes"), new("operation", "uint8"),
            new("safeTxGas", "uint256"), new("baseGas", "uint256"), new("gasPrice", "uint256"),
            new("gasToken", "address"), new("refundReceiver", "address"), new("nonce", "uint256"),
        ],
    };

    /// <summary>The full typed-data document for the Safe at <paramref name="safe"/> on <paramref name="chainId"/>.</summary>
    public TypedDataDocument ToTypedData(BigInteger chainId, Address safe) => new(
        Types,
        "SafeTx",
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["chainId"] = chainId, ["verifyingContract"] = safe },
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["to"] = To, ["value"] = Value, ["data"] = Data, ["operation"] = (BigInteger)Operation,
            ["safeTxGas"] = SafeTxGas, ["baseGas"] = BaseGas, ["gasPrice"] = GasPrice,
            ["gasToken"] = GasToken, ["refundReceiver"] = RefundReceiver, ["nonce"] = Nonce,
        });

    /// <summary>The SafeTx hash owners sign (what the Safe's <c>getTransactionHash</c> returns).</summary>
    public byte[] Hash(BigInteger chainId, Address safe) => ToTypedData(chainId, safe).Hash();
}
