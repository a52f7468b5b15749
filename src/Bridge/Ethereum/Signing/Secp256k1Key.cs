using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Rollout.Bridge.Ethereum.Signing;

/// <summary>
/// A secp256k1 private key that signs 32-byte hashes the way every Ethereum client does: RFC 6979
/// deterministic nonces (HMAC-SHA256), s normalised to the low half (EIP-2), and the recovery bit
/// found by recovering the key from each candidate. The key bytes are zeroed on dispose.
/// </summary>
public sealed class Secp256k1Key : IDisposable
{
    private readonly byte[] _secret;
    private readonly ECPrivateKeyParameters _parameters;
    private bool _disposed;

    private Secp256k1Key(byte[] secret)
    {
        var d = new BcBigInteger(1, secret);
        if (d.SignValue == 0 || d.CompareTo(Secp256k1Curve.N) >= 0)
        {
            CryptographicOperations.ZeroMemory(secret);
            throw new InvalidDataException("secp256k1 private key: not in the range 1 … n−1");
        }
        _secret = secret;
        _parameters = new ECPrivateKeyParameters(d, Secp256k1Curve.Domain);
        PublicKey = Secp256k1Curve.Domain.G.Multiply(d).Normalize().GetEncoded(false);
        Address = Address.FromPublicKey(PublicKey);
    }

    /// <summary>The uncompressed public key: 0x04 ‖ X ‖ Y (65 bytes).</summary>
    public byte[] PublicKey { get; }

    /// <summary>The account address of this key.</summary>
    public Address Address { get; }

    /// <summary>Wraps a 32-byte private key (copied).</summary>
    public static Secp256k1Key FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32) throw new InvalidDataException($"secp256k1 private key: {privateKey.Length} bytes, expected 32");
        return new Secp256k1Key(privateKey.ToArray());
    }

    /// <summary>Makes a new key from the operating system's random number generator.</summary>
    public static Secp256k1Key Generate()
    {
        while (true)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            var d = new BcBigInteger(1, secret);
            if (d.SignValue > 0 && d.CompareTo(Secp256k1Curve.N) < 0) return new Secp256k1Key(secret);
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>A copy of the 32 private key bytes, for the keystore only. The caller zeroes it.</summary>
    public byte[] ExportPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_secret.Clone();
    }

    /// <summary>Signs a 32-byte hash.</summary>
    public EthSignature Sign(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32) throw new ArgumentException($"a hash to sign is 32 bytes, not {hash.Length}", nameof(hash));
        ObjectDisposedException.ThrowIf(_disposed, this);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _parameters);
        var message = hash.ToArray();
        var rs = signer.GenerateSignature(message);
        var r = rs[0];
        var s = rs[1];
        if (s.CompareTo(Secp256k1Curve.HalfN) > 0) s = Secp256k1Curve.N.Subtract(s);
        var rBig = new System.Numerics.BigInteger(Secp256k1Curve.ToBytes32(r), isUnsigned: true, isBigEndian: true);
        var sBig = new System.Numerics.BigInteger(Secp256k1Curve.ToBytes32(s), isUnsigned: true, isBigEndian: true);
        for (var parity = 0; parity < 2; parity++)
        {
            var candidate = new EthSignature(rBig, sBig, parity);
            if (SignatureRecovery.TryRecoverPublicKey(message, candidate, out var recovered) && recovered.AsSpan().SequenceEqual(PublicKey))
            {
                return candidate;
            }
        }
        // Only reachable when r ≥ p − n (the nonce point's x wrapped past n), about 1 in 2^127; Ethereum cannot express it.
        throw new CryptographicException("signature has no recoverable y-parity");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_secret);
    }
}
