using System.Numerics;
using Rollout.Bridge.Ethereum.Rlp;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum.Transactions;

/// <summary>
/// A signed transaction as it goes to <c>eth_sendRawTransaction</c>: its raw bytes, hash (Keccak-256
/// of the raw bytes), the fields it was made from and the signature. Exactly one of
/// <see cref="Eip1559"/> and <see cref="Legacy"/> is set.
/// </summary>
public sealed class SignedTransaction
{
    internal SignedTransaction(byte[] raw, Eip1559Transaction? eip1559, LegacyTransaction? legacy, EthSignature signature)
    {
        RawBytes = raw;
        Hash = Keccak256.Hash(raw);
        Eip1559 = eip1559;
        Legacy = legacy;
        Signature = signature;
    }

    /// <summary>The serialised signed transaction.</summary>
    public byte[] RawBytes { get; }

    /// <summary>The transaction hash.</summary>
    public byte[] Hash { get; }

    /// <summary>The fields of a type 2 transaction.</summary>
    public Eip1559Transaction? Eip1559 { get; }

    /// <summary>The fields of a legacy transaction.</summary>
    public LegacyTransaction? Legacy { get; }

    /// <summary>The signature.</summary>
    public EthSignature Signature { get; }

    /// <summary>The sender's nonce.</summary>
    public ulong Nonce => Eip1559?.Nonce ?? Legacy!.Nonce;

    /// <summary>The chain id.</summary>
    public BigInteger ChainId => Eip1559?.ChainId ?? Legacy!.ChainId;

    /// <summary>The hash the sender signed.</summary>
    public byte[] SigningHash() => Eip1559?.SigningHash() ?? Legacy!.SigningHash();

    /// <summary>The sender, recovered from the signature.</summary>
    public Address Sender() => SignatureRecovery.RecoverAddress(SigningHash(), Signature);

    /// <summary>
    /// Parses raw signed bytes (type 2 or EIP-155 legacy), strictly: canonical RLP and integers, high-s
    /// signatures rejected, and the result re-serialises to exactly the same bytes.
    /// </summary>
    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty) throw new InvalidDataException("transaction: no bytes");
        SignedTransaction result;
        if (raw[0] == Eip1559Transaction.TypeByte)
        {
            var f = RlpCodec.Decode(raw[1..]).Items;
            if (f.Count != 12) throw new InvalidDataException($"transaction: type 2 has 12 fields, found {f.Count}");
            var tx = new Eip1559Transaction(
                f[0].ToInteger("transaction.chainId"), (ulong)f[1].ToInteger("transaction.nonce", 64),
                f[2].ToInteger("transaction.maxPriorityFeePerGas"), f[3].ToInteger("transaction.maxFeePerGas"),
                (ulong)f[4].ToInteger("transaction.gasLimit", 64), TransactionFields.ReadTo(f[5]),
                f[6].ToInteger("transaction.value"), f[7].Bytes, TransactionFields.ReadAccessList(f[8]));
            var parity = f[9].ToInteger("transaction.yParity", 8);
            if (parity > 1) throw new InvalidDataException($"transaction.yParity: {parity}, expected 0 or 1");
            result = tx.WithSignature(ReadSignature(f[10], f[11], (int)parity));
        }
        else if (raw[0] >= 0xc0)
        {
            var f = RlpCodec.Decode(raw).Items;
            if (f.Count != 9) throw new InvalidDataException($"transaction: legacy has 9 fields, found {f.Count}");
            var v = f[6].ToInteger("transaction.v");
            if (v < 37) throw new InvalidDataException($"transaction.v: {v} has no EIP-155 chain id");
            var chainId = (v - 35) / 2;
            var tx = new LegacyTransaction(
                (ulong)f[0].ToInteger("transaction.nonce", 64), f[1].ToInteger("transaction.gasPrice"),
                (ulong)f[2].ToInteger("transaction.gasLimit", 64), TransactionFields.ReadTo(f[3]),
                f[4].ToInteger("transaction.value"), f[5].Bytes, chainId);
            result = tx.WithSignature(ReadSignature(f[7], f[8], (int)((v - 35) % 2)));
        }
        else
        {
            throw new InvalidDataException($"transaction: type 0x{raw[0]:x2} is not supported (only 0x02 and EIP-155 legacy)");
        }
        if (!result.RawBytes.AsSpan().SequenceEqual(raw)) throw new InvalidDataException("transaction: not in canonical form");
        return result;
    }

    private static EthSignature ReadSignature(RlpItem r, RlpItem s, int parity)
    {
        var signature = new EthSignature(r.ToInteger("transaction.r"), s.ToInteger("transaction.s"), parity);
        var halfN = new BigInteger(Secp256k1Curve.ToBytes32(Secp256k1Curve.HalfN), isUnsigned: true, isBigEndian: true);
        if (signature.S > halfN) throw new InvalidDataException("transaction.s: high s is not accepted (EIP-2)");
        return signature;
    }
}
