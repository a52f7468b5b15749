using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Rollout.Mesh.Identity;

/// <summary>
/// An Ed25519 key pair (RFC 8032) held as its 32-byte seed. libp2p nodes identify themselves by the
/// public key; the seed is secret and never printed (<see cref="ToString"/> shows the peer ID only).
/// </summary>
public sealed class Ed25519KeyPair
{
    /// <summary>Length of a seed (the private key) in bytes.</summary>
    public const int SeedLength = 32;

    /// <summary>Length of a public key in bytes.</summary>
    public const int PublicKeyLength = 32;

    /// <summary>Length of a signature in bytes.</summary>
    public const int SignatureLength = 64;

    private readonly byte[] _seed;
    private readonly byte[] _publicKey;

    private Ed25519KeyPair(byte[] seed)
    {
        _seed = seed;
        _publicKey = new byte[PublicKeyLength];
        Ed25519.GeneratePublicKey(_seed, 0, _publicKey, 0);
        PeerId = PeerId.FromEd25519PublicKey(_publicKey);
    }

    /// <summary>The public key bytes.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>The libp2p peer ID of the public key.</summary>
    public PeerId PeerId { get; }

    /// <summary>A new key pair from the operating system's random number generator.</summary>
    public static Ed25519KeyPair Generate() => new(RandomNumberGenerator.GetBytes(SeedLength));

    /// <summary>A key pair from <paramref name="random"/>: reproducible keys for simulations and tests only.</summary>
    public static Ed25519KeyPair Generate(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var seed = new byte[SeedLength];
        random.NextBytes(seed);
        return new Ed25519KeyPair(seed);
    }

    /// <summary>The key pair of a 32-byte seed (the form libp2p calls the raw Ed25519 private key's first half).</summary>
    public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"an Ed25519 seed holds 32 bytes, not {seed.Length}", nameof(seed));
        }
        return new Ed25519KeyPair(seed.ToArray());
    }

    /// <summary>Signs <paramref name="message"/> (pure Ed25519, deterministic).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[SignatureLength];
        var buffer = message.ToArray();
        Ed25519.Sign(_seed, 0, _publicKey, 0, buffer, 0, buffer.Length, signature, 0);
        return signature;
    }

    /// <summary>Checks an Ed25519 signature; false for any malformed key or signature.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength) return false;
        return Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, message.ToArray(), 0, message.Length);
    }

    /// <summary>Verifies a signature by the key a peer ID inlines; false when the ID is not an Ed25519 identity ID.</summary>
    public static bool Verify(PeerId signer, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return signer.TryGetEd25519PublicKey(out var key) && Verify(key, message, signature);
    }

    /// <summary>Shows the peer ID, never the seed.</summary>
    public override string ToString() => $"Ed25519 key of {PeerId}";
}
