using System.Numerics;
using Rollout.Bridge.Ethereum.Rlp;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum.Transactions;

/// <summary>
/// An EIP-1559 (type 2) transaction. Signing hash: Keccak-256 of <c>0x02 ‖ rlp([chainId, nonce,
/// maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList])</c>.
/// </summary>
/// <param name="ChainId">The chain the transaction is valid on (replay protection).</param>
/// <param name="Nonce">The sender's transaction count.</param>
/// <param name="MaxPriorityFeePerGas">Tip to the block producer, in wei per gas.</param>
/// <param name="MaxFeePerGas">Ceiling on base fee plus tip, in wei per gas.</param>
/// <param name="GasLimit">Gas the transaction may use.</param>
/// <param name="To">Recipient; null creates a contract.</param>
/// <param name="Value">Wei sent.</param>
/// <param name="Data">Calldata or init code.</param>
/// <param name="AccessList">Pre-declared addresses and slots; usually empty.</param>
public sealed record Eip1559Transaction(
    BigInteger ChainId,
    ulong Nonce,
    BigInteger MaxPriorityFeePerGas,
    BigInteger MaxFeePerGas,
    ulong GasLimit,
    Address? To,
    BigInteger Value,
    byte[] Data,
    IReadOnlyList<AccessListEntry>? AccessList = null)
{
    /// <summary>The EIP-2718 type byte.</summary>
    public const byte TypeByte = 0x02;

    /// <summary>The hash the sender signs.</summary>
    public byte[] SigningHash() => Keccak256.Hash([TypeByte, .. RlpCodec.Encode(RlpItem.List(Fields()))]);

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
        var raw = (byte[])[TypeByte, .. RlpCodec.Encode(RlpItem.List([
            .. Fields(), RlpItem.Of(signature.YParity), RlpItem.Of(signature.R), RlpItem.Of(signature.S)]))];
        return new SignedTransaction(raw, this, null, signature);
    }

    internal List<RlpItem> Fields()
    {
        if (MaxPriorityFeePerGas > MaxFeePerGas) throw new InvalidDataException($"transaction: maxPriorityFeePerGas {MaxPriorityFeePerGas} exceeds maxFeePerGas {MaxFeePerGas}");
        return
        [
            TransactionFields.Integer(ChainId, "chainId"),
            RlpItem.Of(Nonce),
            TransactionFields.Integer(MaxPriorityFeePerGas, "maxPriorityFeePerGas"),
            TransactionFields.Integer(MaxFeePerGas, "maxFeePerGas"),
            RlpItem.Of(GasLimit),
            TransactionFields.To(To),
            TransactionFields.Integer(Value, "value"),
            RlpItem.Of(Data ?? []),
            TransactionFields.AccessList(AccessList ?? []),
        ];
    }
}
