using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Deployer.Quorum;

namespace Rollout.Deployer.Rehearsal;

/// <summary>
/// The keys a rehearsal creates under <c>keys/</c>, every one in an encrypted keystore with the light KDF (rehearsal
/// keys only, like <c>rollout keys new --light-kdf</c>): release signatories and the beacon (Ed448), the deployer, the
/// Safe's owners, the pauser and the minter (secp256k1). Only public parts are held after creation.
/// </summary>
internal sealed record RehearsalKeys(
    IReadOnlyList<string> SignatoryKeystores,
    IReadOnlyList<string> SignatoryPublicKeys,
    string BeaconPublicKey,
    string DeployerKeystore,
    Address Deployer,
    IReadOnlyList<string> OwnerKeystores,
    IReadOnlyList<Address> Owners,
    Address Pauser,
    Address Minter)
{
    /// <summary>Creates <paramref name="signatories"/> signatories and <paramref name="owners"/> Safe owners in <paramref name="folder"/>.</summary>
    public static RehearsalKeys Create(string folder, int signatories, int owners, string passphrase)
    {
        Directory.CreateDirectory(folder);
        var options = new KeystoreOptions(ScryptN: 4096);
        var signatoryKeystores = new List<string>();
        var signatoryPublicKeys = new List<string>();
        for (var i = 1; i <= signatories; i++)
        {
            var (path, publicKey) = Ed448($"signatory{i}.json");
            signatoryKeystores.Add(path);
            signatoryPublicKeys.Add(publicKey);
        }
        var (_, beacon) = Ed448("beacon.json");
        var (deployerPath, deployer) = Secp256k1("deployer.json");
        var ownerKeystores = new List<string>();
        var ownerAddresses = new List<Address>();
        for (var i = 1; i <= owners; i++)
        {
            var (path, address) = Secp256k1($"owner{i}.json");
            ownerKeystores.Add(path);
            ownerAddresses.Add(address);
        }
        var (_, pauser) = Secp256k1("pauser.json");
        var (_, minter) = Secp256k1("minter.json");
        return new RehearsalKeys(signatoryKeystores, signatoryPublicKeys, beacon, deployerPath, deployer, ownerKeystores, ownerAddresses, pauser, minter);

        (string Path, string PublicKey) Ed448(string name)
        {
            var secret = Ed448Keys.NewPrivateKey();
            try
            {
                return (Write(name, Keystore.Encrypt(KeyType.Ed448, secret, passphrase, options)), Convert.ToHexStringLower(Ed448Keys.PublicKeyOf(secret)));
            }
            finally
            {
                Array.Clear(secret);
            }
        }

        (string Path, Address Address) Secp256k1(string name)
        {
            using var key = Secp256k1Key.Generate();
            var secret = key.ExportPrivateKey();
            try
            {
                return (Write(name, Keystore.Encrypt(KeyType.Secp256k1, secret, passphrase, options)), key.Address);
            }
            finally
            {
                Array.Clear(secret);
            }
        }

        string Write(string name, string json)
        {
            var path = Path.Combine(folder, name);
            KeystoreFile.Write(path, json);  // owner-only, like every keystore `rollout keys new` writes
            return path;
        }
    }
}
