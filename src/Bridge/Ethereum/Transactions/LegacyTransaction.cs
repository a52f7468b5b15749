using System.Numerics;
using Rollout.Bridge.Ethereum.Rlp;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum.Transactions;

/// <summary>
/// A legacy transaction with EIP-155 replay protection: the signing hash covers
/// <c>rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0])</c> and v = chainId·2 + 35 + y-parity.
/// </summary>
/// <param name="Nonce">The sender's transaction count.</param>
/// <param name="GasPrice">Wei per gas.</param>
/// <param name="GasLimit">Gas the transaction may use.</param>
/// <param name="To">Recipient; null creates a contract.</param>
/// <param name="Value">Wei sent.</param>
/// <param name="Data">Calldata or init code.</param>
/// <param name="ChainId">The chain the transaction is valid on.</param>
public sealed record LegacyTransaction(
    ulong Nonce,
    BigInteger GasPrice,
    ulong GasLimit,
    Address? To,
    BigInteger Value,
    byte[] Data,
    BigInteger ChainId)
{
    /// <summary>The hash the sender signs.</summary>
    public byte[] SigningHash() => Keccak256.Hash(RlpCodec.Encode(RlpItem.List([
        .. Fields(), TransactionFields.Integer(ChainId, "chainId"), RlpItem.Of([]), RlpItem.Of([])])));

    /// <summary>Signs and serialises the transaction.</summary>
    public SignedTransaction Sign(Secp256k1Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WithSignature(key.Sign(SigningHash()));
    }

    /// <summary>Serialises the transaction with a signature made elsewhere.</summary>
    public SignedTransaction WithSignature(EthSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (ChainId.Sign <= 0) throw new InvalidDataException("transaction.chainId: EIP-155 needs a positive chain id");
        var v = (ChainId * 2) + 35 + signature.YParity;
        var raw = RlpCodec.Encode(RlpItem.List([.. Fields(), RlpItem.Of(v), RlpItem.Of(signature.R), RlpItem.Of(signature.S)]));
        return new SignedTransaction(raw, null, this, signature);
    }

    private List<RlpItem> Fields() =>
    [
        RlpItem.Of(Nonce),
        TransactionFields.Integer(GasPrice, "gasPrice"),
        RlpItem.Of(GasLimit),
        TransactionFields.To(To),
        TransactionFields.Integer(Value, "value"),
        RlpItem.Of(Data ?? []),
    ];
}
