using Org.BouncyCastle.Crypto.Parameters;
using Rollout.Bridge.Ethereum.Signing;

namespace Rollout.Bridge.Ethereum.Keystores;

/// <summary>Checks a secret's length for its key type and derives its public key.</summary>
internal static class KeyMaterial
{
    public static int SecretLength(KeyType type) => type switch
    {
        KeyType.Ed448 => Ed448PrivateKeyParameters.KeySize,
        _ => 32,
    };

    public static (byte[] PublicKey, Address? Address) Public(KeyType type, ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretLength(type)) throw new InvalidDataException($"{type} private key: {secret.Length} bytes, expected {SecretLength(type)}");
        switch (type)
        {
            case KeyType.Secp256k1:
                using (var key = Secp256k1Key.FromPrivateKey(secret)) return (key.PublicKey, key.Address);
            case KeyType.Ed448:
                return (new Ed448PrivateKeyParameters(secret.ToArray(), 0).GeneratePublicKey().GetEncoded(), null);
            case KeyType.Ed25519:
                return (new Ed25519PrivateKeyParameters(secret.ToArray(), 0).GeneratePublicKey().GetEncoded(), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown key type");
        }
    }

    public static KeyType Parse(string? name, string source) =>
        KeyTypeNames.TryParse(name, out var type)
            ? type
            : throw new InvalidDataException($"{source}: x-rollout.type \"{name}\" is not secp256k1, ed448 or ed25519");
}
