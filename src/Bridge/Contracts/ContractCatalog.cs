using System.Collections.Concurrent;
using System.Reflection;

namespace Rollout.Bridge.Contracts;

/// <summary>
/// The contract artifacts embedded in this assembly (src/Bridge/Contracts/Artifacts, written by
/// ops/devchain/compile.mjs): Rollout's own WrappedQuil and the Safe 1.5.0 contracts it deploys.
/// </summary>
public static class ContractCatalog
{
    /// <summary>The wQUIL token (ops/contracts/WrappedQuil.sol).</summary>
    public const string WrappedQuil = "WrappedQuil";

    /// <summary>The Safe singleton for L1 chains (no per-transaction events).</summary>
    public const string Safe = "Safe";

    /// <summary>The Safe singleton that also emits events for indexers (SafeMultiSigTransaction).</summary>
    public const string SafeL2 = "SafeL2";

    /// <summary>The proxy a Safe account lives in; its creation code fixes the CREATE2 address.</summary>
    public const string SafeProxy = "SafeProxy";

    /// <summary>Deploys Safe proxies (<c>createProxyWithNonce</c>).</summary>
    public const string SafeProxyFactory = "SafeProxyFactory";

    /// <summary>The fallback handler a Safe is set up with (EIP-1271 signatures, token callbacks).</summary>
    public const string CompatibilityFallbackHandler = "CompatibilityFallbackHandler";

    /// <summary>Batches several calls (and delegate calls) into one Safe transaction.</summary>
    public const string MultiSend = "MultiSend";

    /// <summary>Batches several calls into one Safe transaction, refusing delegate calls.</summary>
    public const string MultiSendCallOnly = "MultiSendCallOnly";

    private const string Prefix = "Rollout.Bridge.Contracts.Artifacts.";
    private const string Suffix = ".json";

    private static readonly Assembly Assembly = typeof(ContractCatalog).Assembly;
    private static readonly ConcurrentDictionary<string, ContractArtifact> Loaded = new(StringComparer.Ordinal);

    /// <summary>The names of every embedded artifact, sorted ordinally.</summary>
    public static IReadOnlyList<string> Names { get; } = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads the embedded artifact <paramref name="name"/> (e.g. <see cref="WrappedQuil"/>), parsed once.</summary>
    /// <exception cref="ArgumentException">No artifact has that name; the message lists those that exist.</exception>
    public static ContractArtifact Load(string name) =>
        Loaded.GetOrAdd(name, static n => ContractArtifact.Parse($"{n}{Suffix}", ReadBytes(n)));

    /// <summary>The embedded artifact file's bytes exactly as compile.mjs wrote them.</summary>
    internal static byte[] ReadBytes(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = Assembly.GetManifestResourceStream(Prefix + name + Suffix)
            ?? throw new ArgumentException($"no contract artifact named '{name}'; embedded: {string.Join(", ", Names)}", nameof(name));
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
