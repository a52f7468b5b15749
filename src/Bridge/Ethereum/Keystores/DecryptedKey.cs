using System.Security.Cryptography;

namespace Rollout.Bridge.Ethereum.Keystores;

/// <summary>A private key taken out of a keystore; the secret bytes are zeroed on dispose and never printed.</summary>
public sealed class DecryptedKey : IDisposable
{
    private readonly byte[] _secret;

    internal DecryptedKey(KeyType type, byte[] secret, byte[] publicKey, Address? address)
    {
        Type = type;
        _secret = secret;
        PublicKey = publicKey;
        Address = address;
    }

    /// <summary>What kind of key this is.</summary>
    public KeyType Type { get; }

    /// <summary>The public key: 65-byte uncompressed secp256k1, 57-byte Ed448 or 32-byte Ed25519.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The Ethereum address of a secp256k1 key; null for the others.</summary>
    public Address? Address { get; }

    /// <summary>The secret bytes. Valid until <see cref="Dispose"/>; do not keep a reference.</summary>
    public ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Says what the key is without its secret.</summary>
    public override string ToString() => $"{Type} key {(Address is null ? Hex.Encode(PublicKey) : Address.ToString())}";

    /// <inheritdoc/>
    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);
}
