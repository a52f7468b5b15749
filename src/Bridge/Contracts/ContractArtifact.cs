using System.Text.Json;

namespace Rollout.Bridge.Contracts;

/// <summary>
/// One compiled contract as ops/devchain/compile.mjs wrote it: the ABI, the creation and runtime
/// bytecode, and the compiler version and settings that produced them.
/// </summary>
public sealed class ContractArtifact
{
    private readonly byte[] _bytecode;
    private readonly byte[] _deployedBytecode;

    private ContractArtifact(string contractName, string sourceName, string abiJson, byte[] bytecode, byte[] deployedBytecode, string compilerVersion, string compilerSettingsJson)
    {
        ContractName = contractName;
        SourceName = sourceName;
        AbiJson = abiJson;
        _bytecode = bytecode;
        _deployedBytecode = deployedBytecode;
        CompilerVersion = compilerVersion;
        CompilerSettingsJson = compilerSettingsJson;
    }

    /// <summary>The contract's name, which is also the artifact's name in <see cref="ContractCatalog"/>.</summary>
    public string ContractName { get; }

    /// <summary>Where the source came from: a repository path, or package@version/path for the Safe contracts.</summary>
    public string SourceName { get; }

    /// <summary>The ABI as JSON text (an array of functions, events, errors and the constructor).</summary>
    public string AbiJson { get; }

    /// <summary>The creation bytecode: deploy it with the ABI-encoded constructor arguments appended.</summary>
    public ReadOnlyMemory<byte> Bytecode => _bytecode;

    /// <summary>The runtime bytecode the chain holds after deployment, for checking a deployed contract's code.</summary>
    public ReadOnlyMemory<byte> DeployedBytecode => _deployedBytecode;

    /// <summary>The solc version that compiled the contract, e.g. <c>0.8.28+commit.7893614a.Emscripten.clang</c>.</summary>
    public string CompilerVersion { get; }

    /// <summary>The compiler settings (optimizer, evmVersion, metadata) as JSON text, for source verification.</summary>
    public string CompilerSettingsJson { get; }

    /// <summary>Reads an artifact document; <paramref name="origin"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The document is not an artifact: the message names the origin and the field.</exception>
    public static ContractArtifact Parse(string origin, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(origin);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{origin}: not JSON ({ex.Message})", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{origin}: expected a JSON object");
            var abi = Property(origin, root, "abi", JsonValueKind.Array);
            var compiler = Property(origin, root, "compiler", JsonValueKind.Object);
            return new ContractArtifact(
                Text(origin, root, "contractName"),
                Text(origin, root, "sourceName"),
                abi.GetRawText(),
                HexBytes(origin, root, "bytecode"),
                HexBytes(origin, root, "deployedBytecode"),
                Text(origin, compiler, "version", "compiler.version"),
                Property(origin, compiler, "settings", JsonValueKind.Object, "compiler.settings").GetRawText());
        }
    }

    private static JsonElement Property(string origin, JsonElement parent, string name, JsonValueKind kind, string? path = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != kind)
        {
            throw new InvalidDataException($"{origin}: {path ?? name}: missing or not a JSON {kind.ToString().ToLowerInvariant()}");
        }
        return value;
    }

    private static string Text(string origin, JsonElement parent, string name, string? path = null)
    {
        var text = Property(origin, parent, name, JsonValueKind.String, path).GetString();
        if (string.IsNullOrEmpty(text)) throw new InvalidDataException($"{origin}: {path ?? name}: empty");
        return text;
    }

    private static byte[] HexBytes(string origin, JsonElement parent, string name)
    {
        var text = Text(origin, parent, name);
        // Unlinked library placeholders (__$...$__) or odd lengths would deploy garbage: refuse them here.
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length <= 2 || text.Length % 2 != 0)
        {
            throw new InvalidDataException($"{origin}: {name}: \"{Shorten(text)}\" is not 0x-prefixed hex of whole bytes");
        }
        try
        {
            return Convert.FromHexString(text.AsSpan(2));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{origin}: {name}: \"{Shorten(text)}\" is not hex", ex);
        }
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
