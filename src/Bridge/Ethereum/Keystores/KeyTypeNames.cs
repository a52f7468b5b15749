namespace Rollout.Bridge.Ethereum.Keystores;

/// <summary>The names of the key types, as keystores (<c>x-rollout.type</c>) and the command line write them.</summary>
public static class KeyTypeNames
{
    /// <summary>secp256k1, ed448 or ed25519.</summary>
    public static string Name(KeyType type) => type switch
    {
        KeyType.Secp256k1 => "secp256k1",
        KeyType.Ed448 => "ed448",
        KeyType.Ed25519 => "ed25519",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown key type"),
    };

    /// <summary>The key type of a name, or false when the name is none of them.</summary>
    public static bool TryParse(string? name, out KeyType type)
    {
        foreach (var candidate in Enum.GetValues<KeyType>())
        {
            if (Name(candidate) == name)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
