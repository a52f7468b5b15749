namespace Rollout.Bridge.Ethereum.Keystores;

/// <summary>The key derivation functions Web3 Secret Storage defines.</summary>
public enum KeystoreKdf
{
    /// <summary>scrypt (memory-hard; what ethers and geth write).</summary>
    Scrypt,

    /// <summary>PBKDF2 with HMAC-SHA256.</summary>
    Pbkdf2,
}
