using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Deployer.Plans;

namespace Rollout.Deployer.Ethereum;

/// <summary>Opens the plan's <c>ethereum.deployer_keystore</c> (secp256k1) with a passphrase that is never logged.</summary>
internal static class DeployerKey
{
    /// <summary>The keystore's path: as written in the plan, relative to the plan file's folder.</summary>
    public static string PathOf(RolloutPlan plan, string keystore) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(plan.Source)) ?? ".", keystore));

    public static Secp256k1Key Open(string path, Func<string> passphrase)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"ethereum.deployer_keystore: {path} not found");
        var json = File.ReadAllText(path);
        var type = Keystore.ReadType(json, path);
        if (type != KeyType.Secp256k1) throw new InvalidDataException($"ethereum.deployer_keystore: {path} holds a {type} key, not secp256k1");
        using var key = Keystore.Decrypt(json, passphrase(), path);
        return Secp256k1Key.FromPrivateKey(key.Secret);
    }
}
