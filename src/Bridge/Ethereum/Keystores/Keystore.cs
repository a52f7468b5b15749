using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum.Keystores;

/// <summary>
/// Web3 Secret Storage v3 keystores: scrypt or PBKDF2-HMAC-SHA256, AES-128-CTR, Keccak-256 MAC over
/// the second half of the derived key and the ciphertext. A secp256k1 keystore is exactly what ethers
/// and geth write and read. Ed448 and Ed25519 keys use the same envelope with an extra
/// <c>"x-rollout": {"type", "publicKey"}</c> member and no <c>address</c>.
/// </summary>
public static class Keystore
{
    private const int DerivedKeyLength = 32;

    // A hostile file could ask for terabytes of scrypt memory or years of PBKDF2; refuse before deriving.
    private const long MaxScryptMemory = 1L << 30;
    // scrypt's time grows with n·r·p; this is the work of the largest memory allowed at p = 1, four times geth's
    // standard n = 2^18, r = 8, p = 1 (ethers' default is half that), so p cannot multiply it into hours.
    private const long MaxScryptWork = 1L << 23;
    private const int MaxPbkdf2Iterations = 10_000_000;

    /// <summary>Encrypts <paramref name="secret"/> under <paramref name="passphrase"/>; returns the keystore JSON.</summary>
    public static string Encrypt(KeyType type, ReadOnlySpan<byte> secret, string passphrase, KeystoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!Ascii.IsValid(passphrase))
        {
            throw new InvalidDataException("passphrase: only ASCII characters are accepted for a new keystore, because ethers and geth normalise the passphrase to Unicode NFKC and this build (invariant globalization) cannot, so other characters could make a file they cannot open");
        }
        options ??= KeystoreOptions.Default;
        var (publicKey, address) = KeyMaterial.Public(type, secret);
        var salt = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        var kdfParams = options.Kdf == KeystoreKdf.Scrypt
            ? new JsonObject { ["dklen"] = DerivedKeyLength, ["n"] = options.ScryptN, ["p"] = options.ScryptP, ["r"] = options.ScryptR, ["salt"] = Convert.ToHexStringLower(salt) }
            : new JsonObject { ["c"] = options.Pbkdf2Iterations, ["dklen"] = DerivedKeyLength, ["prf"] = "hmac-sha256", ["salt"] = Convert.ToHexStringLower(salt) };
        var kdfName = options.Kdf == KeystoreKdf.Scrypt ? "scrypt" : "pbkdf2";
        var derived = Derive(kdfName, kdfParams, Password(passphrase), "new keystore");
        try
        {
            var ciphertext = AesCtr(derived.AsSpan(0, 16), iv, secret);
            var json = new JsonObject();
            if (address is not null) json["address"] = Convert.ToHexStringLower(address.Span);
            json["crypto"] = new JsonObject
            {
                ["cipher"] = "aes-128-ctr",
                ["cipherparams"] = new JsonObject { ["iv"] = Convert.ToHexStringLower(iv) },
                ["ciphertext"] = Convert.ToHexStringLower(ciphertext),
                ["kdf"] = kdfName,
                ["kdfparams"] = kdfParams,
                ["mac"] = Convert.ToHexStringLower(Mac(derived, ciphertext)),
            };
            json["id"] = NewUuid();
            json["version"] = 3;
            if (type != KeyType.Secp256k1)
            {
                json["x-rollout"] = new JsonObject { ["type"] = KeyTypeNames.Name(type), ["publicKey"] = Convert.ToHexStringLower(publicKey) };
            }
            return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>The key type a keystore declares, read without the passphrase.</summary>
    public static KeyType ReadType(string json, string source = "keystore")
    {
        var root = Parse(json, source);
        return TypeOf(root, source);
    }

    /// <summary>
    /// Decrypts a keystore. A wrong passphrase fails with "wrong passphrase (MAC mismatch)"; a keystore
    /// whose address or public key does not belong to the decrypted key fails too, naming
    /// <paramref name="source"/> (usually the file path).
    /// </summary>
    public static DecryptedKey Decrypt(string json, string passphrase, string source = "keystore")
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var root = Parse(json, source);
        var version = Member(root, "version", source);
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != 3)
        {
            throw new InvalidDataException($"{source}: version {version.GetRawText()} is not a Web3 Secret Storage v3 keystore");
        }
        var type = TypeOf(root, source);
        var crypto = Member(root, "crypto", source);
        var cipher = Text(crypto, "cipher", $"{source}: crypto");
        if (cipher != "aes-128-ctr") throw new InvalidDataException($"{source}: crypto.cipher \"{cipher}\" is not supported (only aes-128-ctr)");
        var iv = HexMember(Member(crypto, "cipherparams", $"{source}: crypto"), "iv", $"{source}: crypto.cipherparams");
        if (iv.Length != 16) throw new InvalidDataException($"{source}: crypto.cipherparams.iv is {iv.Length} bytes, expected 16");
        var ciphertext = HexMember(crypto, "ciphertext", $"{source}: crypto");
        var mac = HexMember(crypto, "mac", $"{source}: crypto");
        var kdfName = Text(crypto, "kdf", $"{source}: crypto").ToLowerInvariant();
        var kdfParams = JsonNode.Parse(Member(crypto, "kdfparams", $"{source}: crypto").GetRawText())!.AsObject();

        var derived = Derive(kdfName, kdfParams, Password(passphrase), source);
        byte[] secret;
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Mac(derived, ciphertext), mac))
            {
                var hint = Ascii.IsValid(passphrase) ? "" : "; the passphrase has non-ASCII characters, which are used as typed, without the NFKC normalisation ethers applies";
                throw new InvalidDataException($"{source}: wrong passphrase (MAC mismatch){hint}");
            }
            secret = AesCtr(derived.AsSpan(0, 16), iv, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }

        byte[] publicKey;
        Address? address;
        try
        {
            (publicKey, address) = KeyMaterial.Public(type, secret);
        }
        catch (InvalidDataException ex)
        {
            CryptographicOperations.ZeroMemory(secret);
            throw new InvalidDataException($"{source}: the decrypted key is not a valid {KeyTypeNames.Name(type)} key", ex);
        }
        var check = type == KeyType.Secp256k1 ? OptionalText(root, "address") : OptionalText(Member(root, "x-rollout", source), "publicKey");
        var expected = type == KeyType.Secp256k1 ? Convert.ToHexStringLower(address!.Span) : Convert.ToHexStringLower(publicKey);
        if (check is not null && !string.Equals(Strip0x(check), expected, StringComparison.OrdinalIgnoreCase))
        {
            CryptographicOperations.ZeroMemory(secret);
            var what = type == KeyType.Secp256k1 ? "address" : "x-rollout.publicKey";
            throw new InvalidDataException($"{source}: {what} does not belong to the decrypted key");
        }
        return new DecryptedKey(type, secret, publicKey, address);
    }

    private static KeyType TypeOf(JsonElement root, string source)
    {
        if (!TryMember(root, "x-rollout", out var rollout)) return KeyType.Secp256k1;
        return KeyMaterial.Parse(OptionalText(rollout, "type"), source);
    }

    private static byte[] Derive(string kdf, JsonObject parameters, byte[] password, string source)
    {
        try
        {
            var json = JsonDocument.Parse(parameters.ToJsonString()).RootElement;
            var where = $"{source}: crypto.kdfparams";
            var salt = HexMember(json, "salt", where);
            var dklen = Int(json, "dklen", where);
            if (dklen != DerivedKeyLength) throw new InvalidDataException($"{where}.dklen is {dklen}, expected 32");
            switch (kdf)
            {
                case "scrypt":
                    int n = Int(json, "n", where), r = Int(json, "r", where), p = Int(json, "p", where);
                    if (n <= 1 || (n & (n - 1)) != 0) throw new InvalidDataException($"{where}.n is {n}, not a power of two above 1");
                    if (r <= 0 || p <= 0) throw new InvalidDataException($"{where}: r and p must be positive");
                    if (128L * n * r > MaxScryptMemory || (long)p * r > 1 << 20) throw new InvalidDataException($"{where}: n·r needs more than 1 GiB of memory");
                    if ((long)n * r * p > MaxScryptWork)
                    {
                        throw new InvalidDataException($"{where}: n·r·p is {(long)n * r * p} (n {n}, r {r}, p {p}), more than {MaxScryptWork}: refusing a keystore that would take far longer to open than geth's or ethers' settings");
                    }
                    return SCrypt.Generate(password, salt, n, r, p, DerivedKeyLength);
                case "pbkdf2":
                    var prf = Text(json, "prf", where);
                    if (prf != "hmac-sha256") throw new InvalidDataException($"{where}.prf \"{prf}\" is not supported (only hmac-sha256)");
                    var c = Int(json, "c", where);
                    if (c <= 0 || c > MaxPbkdf2Iterations) throw new InvalidDataException($"{where}.c is {c}, outside 1 … {MaxPbkdf2Iterations}");
                    var generator = new Pkcs5S2ParametersGenerator(new Sha256Digest());
                    generator.Init(password, salt, c);
                    return ((KeyParameter)generator.GenerateDerivedMacParameters(DerivedKeyLength * 8)).GetKey();
                default:
                    throw new InvalidDataException($"{source}: crypto.kdf \"{kdf}\" is not supported (scrypt or pbkdf2)");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }

    private static byte[] Mac(byte[] derived, byte[] ciphertext) => Keccak256.Hash([.. derived.AsSpan(16, 16), .. ciphertext]);

    private static byte[] AesCtr(ReadOnlySpan<byte> key, byte[] iv, ReadOnlySpan<byte> input)
    {
        var cipher = new BufferedBlockCipher(new SicBlockCipher(new AesEngine()));
        cipher.Init(true, new ParametersWithIV(new KeyParameter(key.ToArray()), iv));
        return cipher.DoFinal(input.ToArray());
    }

    // ethers and geth normalise the passphrase to NFKC before UTF-8. With invariant globalization .NET cannot
    // normalise, so the text is used as typed: the same for ASCII, and for text already in NFKC (most precomposed input).
    private static byte[] Password(string passphrase) => Encoding.UTF8.GetBytes(passphrase);

    private static string NewUuid()
    {
        var bytes = RandomNumberGenerator.GetBytes(16);
        bytes[6] = (byte)((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static JsonElement Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var root = JsonDocument.Parse(json).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : throw new InvalidDataException($"{source}: not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not JSON ({ex.Message})", ex);
        }
    }

    // Member names are matched without regard to case, as ethers does: some writers use "Crypto".
    private static bool TryMember(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in parent.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    private static JsonElement Member(JsonElement parent, string name, string where) =>
        TryMember(parent, name, out var value) ? value : throw new InvalidDataException($"{where}.{name} is missing");

    private static string Text(JsonElement parent, string name, string where)
    {
        var value = Member(parent, name, where);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidDataException($"{where}.{name} is not a string");
    }

    private static string? OptionalText(JsonElement parent, string name) =>
        TryMember(parent, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement parent, string name, string where)
    {
        var value = Member(parent, name, where);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) return number;
        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number)) return number;
        throw new InvalidDataException($"{where}.{name} is not an integer");
    }

    private static byte[] HexMember(JsonElement parent, string name, string where) => Hex.Decode(Text(parent, name, where), $"{where}.{name}");

    private static string Strip0x(string text) => text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
}
