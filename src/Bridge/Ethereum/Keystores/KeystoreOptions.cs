namespace Rollout.Bridge.Ethereum.Keystores;

/// <summary>
/// How a new keystore derives its key. The defaults are ethers' (scrypt n = 2^17, r = 8, p = 1);
/// tests pass a small n because each derivation at the default costs 128 MiB and about a second.
/// </summary>
/// <param name="Kdf">The key derivation function.</param>
/// <param name="ScryptN">scrypt cost, a power of two.</param>
/// <param name="ScryptR">scrypt block size.</param>
/// <param name="ScryptP">scrypt parallelism.</param>
/// <param name="Pbkdf2Iterations">PBKDF2 iteration count (geth's default 262144).</param>
public sealed record KeystoreOptions(
    KeystoreKdf Kdf = KeystoreKdf.Scrypt,
    int ScryptN = 131072,
    int ScryptR = 8,
    int ScryptP = 1,
    int Pbkdf2Iterations = 262144)
{
    /// <summary>ethers' defaults.</summary>
    public static KeystoreOptions Default { get; } = new();
}
