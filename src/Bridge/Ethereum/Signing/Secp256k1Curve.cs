using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Rollout.Bridge.Ethereum.Signing;

/// <summary>The secp256k1 domain parameters, shared by signing and recovery.</summary>
internal static class Secp256k1Curve
{
    public static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static readonly ECDomainParameters Domain = new(Parameters.Curve, Parameters.G, Parameters.N, Parameters.H);

    /// <summary>The group order n.</summary>
    public static BcBigInteger N => Parameters.N;

    /// <summary>n / 2: Ethereum accepts only signatures with s at most this (EIP-2).</summary>
    public static readonly BcBigInteger HalfN = Parameters.N.ShiftRight(1);

    public static byte[] ToBytes32(BcBigInteger value)
    {
        var bytes = value.ToByteArrayUnsigned();
        if (bytes.Length > 32) throw new ArgumentOutOfRangeException(nameof(value), "not a 256-bit value");
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }
}
