using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Mesh.Identity;

namespace Rollout.Deployer.Cli.Keys;

/// <summary>What a key is known by in public: its public key, and its Ethereum address or libp2p peer ID. Never the secret.</summary>
internal static class KeyIdentity
{
    public static IEnumerable<(string Label, string Value)> Describe(DecryptedKey key)
    {
        yield return ("type", KeyTypeNames.Name(key.Type));
        yield return ("public key", Convert.ToHexStringLower(key.PublicKey));
        switch (key.Type)
        {
            case KeyType.Secp256k1 when key.Address is { } address:
                yield return ("address", address.ToString());
                break;
            case KeyType.Ed448:
                yield return ("peer ID", PeerId.FromEd448PublicKey(key.PublicKey).Text);
                break;
            case KeyType.Ed25519:
                yield return ("peer ID", PeerId.FromEd25519PublicKey(key.PublicKey).Text);
                break;
        }
    }
}
