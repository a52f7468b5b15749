using System.CommandLine;
using System.Security.Cryptography;
using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Deployer.Quorum;

namespace Rollout.Deployer.Cli.Keys;

/// <summary><c>rollout keys new|show</c>: encrypted keystores (Web3 Secret Storage v3) for signers and accounts.</summary>
internal static class KeysCommands
{
    private static readonly KeystoreOptions LightKdf = new(ScryptN: 4096);

    public static Command Create(TextWriter output)
    {
        var type = new Option<string>("--type") { Description = "ed448 (release and unlock signers), secp256k1 (Ethereum accounts, Safe owners) or ed25519", Required = true };
        type.AcceptOnlyFromAmong([.. Enum.GetValues<KeyType>().Select(KeyTypeNames.Name)]);
        var outPath = new Option<string>("--out") { Description = "The keystore file to create (never overwritten)", Required = true };
        var lightKdf = new Option<bool>("--light-kdf") { Description = "Rehearsal keys only: scrypt n=4096 instead of 131072, like geth's --lightkdf (fast to open, weaker against guessing)" };
        var create = new Command("new", "Create a key and write it encrypted; prints its public identity, never the secret") { type, outPath, lightKdf };
        create.SetAction(parse =>
        {
            var path = parse.GetValue(outPath)!;
            if (File.Exists(path)) throw new InvalidDataException($"{path}: already exists; a keystore is never overwritten");
            if (!KeyTypeNames.TryParse(parse.GetValue(type), out var keyType)) throw new InvalidDataException($"--type: \"{parse.GetValue(type)}\" is not ed448, secp256k1 or ed25519");
            var secret = NewSecret(keyType);
            try
            {
                var passphrase = Passphrase.Read(path, confirm: true, output);
                var json = Keystore.Encrypt(keyType, secret, passphrase, parse.GetValue(lightKdf) ? LightKdf : KeystoreOptions.Default);
                KeystoreFile.Write(path, json);
                // Opening what was written proves the file decrypts before anyone relies on it.
                using var key = Keystore.Decrypt(json, passphrase, path);
                Print(output, path, key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
            return ExitCodes.Success;
        });

        var keyPath = KeyOption();
        var show = new Command("show", "Open a keystore and print its type, public key and address or peer ID") { keyPath };
        show.SetAction(parse =>
        {
            using var key = Open(parse.GetValue(keyPath)!, output);
            Print(output, parse.GetValue(keyPath)!, key);
            return ExitCodes.Success;
        });
        return new Command("keys", "Keystores") { create, show };
    }

    /// <summary>The <c>--key KEYSTORE</c> option every signing verb takes.</summary>
    public static Option<string> KeyOption() => new("--key") { Description = "An encrypted keystore (passphrase from ROLLOUT_PASSPHRASE or a prompt)", Required = true };

    /// <summary>Opens a keystore, asking for its passphrase.</summary>
    public static DecryptedKey Open(string path, TextWriter prompt)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: keystore file not found");
        return KeystoreFile.Open(path, Passphrase.Read(path, confirm: false, prompt));
    }

    /// <summary>Opens a keystore that must hold a key of <paramref name="expected"/> type.</summary>
    public static DecryptedKey Open(string path, KeyType expected, TextWriter prompt)
    {
        if (File.Exists(path) && Keystore.ReadType(File.ReadAllText(path), path) is var actual && actual != expected)
        {
            throw new InvalidDataException($"{path}: holds a {KeyTypeNames.Name(actual)} key; this needs {KeyTypeNames.Name(expected)}");
        }
        return Open(path, prompt);
    }

    private static byte[] NewSecret(KeyType type)
    {
        switch (type)
        {
            case KeyType.Secp256k1:
                using (var key = Secp256k1Key.Generate()) return key.ExportPrivateKey();
            case KeyType.Ed448:
                return Ed448Keys.NewPrivateKey();
            default:
                return RandomNumberGenerator.GetBytes(32);
        }
    }

    private static void Print(TextWriter output, string path, DecryptedKey key)
    {
        output.WriteLine($"keystore: {path}");
        foreach (var (label, value) in KeyIdentity.Describe(key)) output.WriteLine($"{label}: {value}");
    }
}
