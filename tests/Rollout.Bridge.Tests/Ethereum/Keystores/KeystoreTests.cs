using System.Text.Json;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Keystores;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum.Keystores;

public sealed class KeystoreTests
{
    // Small n keeps each derivation at a millisecond; one test below uses ethers' real default.
    private static readonly KeystoreOptions FastScrypt = new(ScryptN: 1024);
    private static readonly KeystoreOptions FastPbkdf2 = new(Kdf: KeystoreKdf.Pbkdf2, Pbkdf2Iterations: 1000);
    private static readonly string[] Passphrases = ["correct horse", "", "tr0ub4dor&3 \"quoted\" \\", "~!@#$%^&*()_+{}|:<>?"];

    [Fact]
    public void Encrypt_ScryptAndPbkdf2Keystores_OpenInEthers()
    {
        var random = new Random(3);
        var cases = Enumerable.Range(0, 8).Select(i => (secret: Secret(random), passphrase: Passphrases[i % Passphrases.Length], options: i % 2 == 0 ? FastScrypt : FastPbkdf2)).ToArray();
        var files = cases.Select(c => Keystore.Encrypt(KeyType.Secp256k1, c.secret, c.passphrase, c.options)).ToArray();
        var answer = Oracle(new { decrypt = files.Select((json, i) => new { json, password = cases[i].passphrase }) }).GetProperty("decrypt").EnumerateArray().ToArray();
        for (var i = 0; i < cases.Length; i++)
        {
            using var key = Secp256k1Key.FromPrivateKey(cases[i].secret);
            Assert.Equal(Hex.Encode(cases[i].secret), answer[i].GetProperty("privateKey").GetString());
            Assert.Equal(key.Address.ToString(), answer[i].GetProperty("address").GetString());
        }
    }

    [Fact]
    public void Decrypt_KeystoresWrittenByEthers_GiveTheirKeys()
    {
        var random = new Random(4);
        var cases = Enumerable.Range(0, 4).Select(i => (secret: Secret(random), passphrase: Passphrases[i])).ToArray();
        var files = Oracle(new { encrypt = cases.Select(c => new { key = Hex.Encode(c.secret), password = c.passphrase, n = 1024 }) })
            .GetProperty("encrypt").EnumerateArray().Select(e => e.GetString()!).ToArray();
        for (var i = 0; i < cases.Length; i++)
        {
            using var key = Keystore.Decrypt(files[i], cases[i].passphrase);
            Assert.Equal(KeyType.Secp256k1, key.Type);
            Assert.Equal(cases[i].secret, key.Secret.ToArray());
            using var expected = Secp256k1Key.FromPrivateKey(cases[i].secret);
            Assert.Equal(expected.Address, key.Address);
        }
    }

    [Fact]
    public void Encrypt_WithEthersDefaultScryptCost_OpensInEthersAndInOurs()
    {
        var secret = Secret(new Random(131072));
        var json = Keystore.Encrypt(KeyType.Secp256k1, secret, "default cost");
        Assert.Equal(131072, JsonNode.Parse(json)!["crypto"]!["kdfparams"]!["n"]!.GetValue<int>());
        var answer = Oracle(new { decrypt = new[] { new { json, password = "default cost" } } }).GetProperty("decrypt")[0];
        Assert.Equal(Hex.Encode(secret), answer.GetProperty("privateKey").GetString());
        using var key = Keystore.Decrypt(json, "default cost");
        Assert.Equal(secret, key.Secret.ToArray());
    }

    [Fact]
    public void Decrypt_WrongPassphrase_SaysSoAndNamesTheSource()
    {
        var json = Keystore.Encrypt(KeyType.Secp256k1, Secret(new Random(5)), "right", FastScrypt);
        var error = Assert.Throws<InvalidDataException>(() => Keystore.Decrypt(json, "wrong", "keys/deployer.json"));
        Assert.Equal("keys/deployer.json: wrong passphrase (MAC mismatch)", error.Message);
    }

    [Theory]
    [InlineData(KeyType.Ed448, 57)]
    [InlineData(KeyType.Ed25519, 32)]
    public void EncryptThenDecrypt_EdwardsKeys_RecordTheirTypeAndPublicKey(KeyType type, int length)
    {
        var secret = new byte[length];
        new Random(length).NextBytes(secret);
        var json = Keystore.Encrypt(type, secret, "signer", FastPbkdf2);
        var document = JsonNode.Parse(json)!;
        Assert.Null(document["address"]);
        Assert.Equal(type == KeyType.Ed448 ? "ed448" : "ed25519", document["x-rollout"]!["type"]!.GetValue<string>());
        Assert.Equal(type, Keystore.ReadType(json));

        using var key = Keystore.Decrypt(json, "signer");
        Assert.Equal(type, key.Type);
        Assert.Equal(secret, key.Secret.ToArray());
        var expectedPublic = type == KeyType.Ed448
            ? new Ed448PrivateKeyParameters(secret, 0).GeneratePublicKey().GetEncoded()
            : new Ed25519PrivateKeyParameters(secret, 0).GeneratePublicKey().GetEncoded();
        Assert.Equal(expectedPublic, key.PublicKey);
        Assert.Equal(Convert.ToHexStringLower(expectedPublic), document["x-rollout"]!["publicKey"]!.GetValue<string>());
        Assert.DoesNotContain(Convert.ToHexStringLower(secret), key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_EthersKeystoreWithANonAsciiPassphraseAlreadyInNfkc_Opens_AndOneNeedingNormalisation_SaysWhy()
    {
        var secret = Secret(new Random(8));
        var files = Oracle(new { encrypt = new[] { new { key = Hex.Encode(secret), password = "pässwörd ✓", n = 1024 }, new { key = Hex.Encode(secret), password = "\ufb00 ligature", n = 1024 } } })
            .GetProperty("encrypt").EnumerateArray().Select(e => e.GetString()!).ToArray();
        using (var key = Keystore.Decrypt(files[0], "pässwörd ✓")) Assert.Equal(secret, key.Secret.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => Keystore.Decrypt(files[1], "\ufb00 ligature"));
        Assert.Contains("without the NFKC normalisation", error.Message, StringComparison.Ordinal);
        using (var key = Keystore.Decrypt(files[1], "ff ligature")) Assert.Equal(secret, key.Secret.ToArray());
    }

    [Fact]
    public void Encrypt_NonAsciiPassphrase_IsRefusedWithTheReason() =>
        Assert.Contains("NFKC", Assert.Throws<InvalidDataException>(() => Keystore.Encrypt(KeyType.Secp256k1, Secret(new Random(9)), "pässwörd", FastScrypt)).Message, StringComparison.Ordinal);

    [Fact]
    public void Encrypt_Ed448SecretOfWrongLength_IsRejected() =>
        Assert.Throws<InvalidDataException>(() => Keystore.Encrypt(KeyType.Ed448, new byte[32], "x", FastScrypt));

    [Fact]
    public void Decrypt_AddressOfAnotherKey_IsRejected()
    {
        var json = JsonNode.Parse(Keystore.Encrypt(KeyType.Secp256k1, Secret(new Random(6)), "p", FastScrypt))!;
        json["address"] = "f39fd6e51aad88f6f4ce6ab8827279cfffb92266";
        var error = Assert.Throws<InvalidDataException>(() => Keystore.Decrypt(json.ToJsonString(), "p"));
        Assert.Contains("address does not belong to the decrypted key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_HostileScryptCost_IsRefusedBeforeDeriving()
    {
        var json = JsonNode.Parse(Keystore.Encrypt(KeyType.Secp256k1, Secret(new Random(7)), "p", FastScrypt))!;
        json["crypto"]!["kdfparams"]!["n"] = 1 << 30;
        Assert.Contains("1 GiB", Assert.Throws<InvalidDataException>(() => Keystore.Decrypt(json.ToJsonString(), "p")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1 << 23, 1, 1 << 20)] // within the memory and p·r caps, and would never finish
    [InlineData(16, 1, 1 << 20)]
    [InlineData(1 << 20, 8, 2)]
    public void Decrypt_ScryptWorkAboveTheCap_IsRefusedBeforeDeriving(int n, int r, int p)
    {
        var error = Assert.Throws<InvalidDataException>(() => Keystore.Decrypt(WithScryptCost(n, r, p), "p", "k.json"));

        Assert.Equal($"k.json: crypto.kdfparams: n·r·p is {(long)n * r * p} (n {n}, r {r}, p {p}), more than 8388608: refusing a keystore that would take far longer to open than geth's or ethers' settings", error.Message);
    }

    [Theory]
    [InlineData(262144, 8, 1)] // geth's standard
    [InlineData(4096, 8, 6)] // geth's light
    [InlineData(4096, 8, 1)] // rollout keys new --light-kdf
    public void Decrypt_StandardScryptCosts_AreAccepted(int n, int r, int p)
    {
        // The MAC was made with other parameters, so reaching the passphrase check proves the cost was accepted.
        var error = Assert.Throws<InvalidDataException>(() => Keystore.Decrypt(WithScryptCost(n, r, p), "p", "k.json"));

        Assert.StartsWith("k.json: wrong passphrase", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.5")]
    [InlineData("4")]
    [InlineData("1e10")]
    [InlineData("\"3\"")]
    public void Decrypt_VersionOtherThanTheInteger3_IsBadInputNamingTheFileAndField(string version)
    {
        var json = JsonNode.Parse(Keystore.Encrypt(KeyType.Secp256k1, Secret(new Random(9)), "p", FastScrypt))!;
        json["version"] = JsonNode.Parse(version);

        var error = Assert.Throws<InvalidDataException>(() => Keystore.Decrypt(json.ToJsonString(), "p", "k.json"));

        Assert.Equal($"k.json: version {version} is not a Web3 Secret Storage v3 keystore", error.Message);
    }

    [Fact]
    public void Decrypt_UnknownKeyType_IsRejected()
    {
        var json = JsonNode.Parse(Keystore.Encrypt(KeyType.Ed25519, new byte[32], "p", FastScrypt))!;
        json["x-rollout"]!["type"] = "rsa";
        Assert.Throws<InvalidDataException>(() => Keystore.Decrypt(json.ToJsonString(), "p"));
    }

    [Fact]
    public void KeystoreFile_WritesOwnerOnlyAndNeverOverwrites()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "signer.json");
        var json = Keystore.Encrypt(KeyType.Ed448, new byte[57], "p", FastScrypt);
        KeystoreFile.Write(path, json);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Throws<IOException>(() => KeystoreFile.Write(path, json));
        using var key = KeystoreFile.Open(path, "p");
        Assert.Equal(KeyType.Ed448, key.Type);
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    private static byte[] Secret(Random random)
    {
        var secret = new byte[32];
        random.NextBytes(secret);
        secret[0] = (byte)(secret[0] % 0xf0 + 1);
        return secret;
    }

    private static JsonElement Oracle(object request) =>
        JsonDocument.Parse(NodeOracle.Run("eth-keystore.mjs", JsonSerializer.Serialize(request))).RootElement;

    private static string WithScryptCost(int n, int r, int p)
    {
        var json = JsonNode.Parse(Keystore.Encrypt(KeyType.Secp256k1, Secret(new Random(8)), "p", FastScrypt))!;
        json["crypto"]!["kdfparams"]!["n"] = n;
        json["crypto"]!["kdfparams"]!["r"] = r;
        json["crypto"]!["kdfparams"]!["p"] = p;
        return json.ToJsonString();
    }
}
