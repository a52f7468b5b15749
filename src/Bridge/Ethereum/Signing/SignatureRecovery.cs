using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Rollout.Bridge.Ethereum.Signing;

/// <summary>Recovers the signer's public key or address from a hash and an Ethereum signature (SEC 1, 4.1.6).</summary>
public static class SignatureRecovery
{
    /// <summary>Recovers the 65-byte uncompressed public key; false when the signature is invalid.</summary>
    public static bool TryRecoverPublicKey(ReadOnlySpan<byte> hash, EthSignature signature, out byte[] publicKey)
    {
        ArgumentNullException.ThrowIfNull(signature);
        publicKey = [];
        if (hash.Length != 32) return false;
        var n = Secp256k1Curve.N;
        var r = new BcBigInteger(1, signature.R.ToByteArray(isUnsigned: true, isBigEndian: true));
        var s = new BcBigInteger(1, signature.S.ToByteArray(isUnsigned: true, isBigEndian: true));
        if (signature.R.IsZero || signature.S.IsZero || r.CompareTo(n) >= 0 || s.CompareTo(n) >= 0 || signature.YParity is not (0 or 1)) return false;
        ECPoint point;
        try
        {
            var encoded = new byte[33];
            encoded[0] = (byte)(signature.YParity == 0 ? 0x02 : 0x03);
            Secp256k1Curve.ToBytes32(r).CopyTo(encoded, 1);
            point = Secp256k1Curve.Parameters.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var e = new BcBigInteger(1, hash.ToArray());
        var rInverse = r.ModInverse(n);
        var u1 = e.Negate().Mod(n).Multiply(rInverse).Mod(n);
        var u2 = s.Multiply(rInverse).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Secp256k1Curve.Domain.G, u1, point, u2).Normalize();
        if (q.IsInfinity) return false;
        publicKey = q.GetEncoded(false);
        return true;
    }

    /// <summary>Recovers the signer's address; throws <see cref="InvalidDataException"/> when the signature is invalid.</summary>
    public static Address RecoverAddress(ReadOnlySpan<byte> hash, EthSignature signature) =>
        TryRecoverPublicKey(hash, signature, out var publicKey)
            ? Address.FromPublicKey(publicKey)
            : throw new InvalidDataException("signature: does not recover to a public key");
}
