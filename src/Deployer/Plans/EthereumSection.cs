namespace Rollout.Deployer.Plans;

/// <summary>Reads <c>ethereum:</c>: endpoint, chain id, confirmations, contract, Safe, pauser and minter addresses, the deployer keystore, the Safe folder.</summary>
internal static class EthereumSection
{
    public static EthereumSettings? Read(PlanDocument document, PlanMapping? section)
    {
        if (section is null) return null;
        var urlText = section.String("rpc_url", required: true);
        Uri? url = null;
        // The client speaks JSON-RPC over HTTP POST only: a ws(s) URL would pass here and fail at every Ethereum step.
        if (urlText is not null && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            document.Report("ethereum.rpc_url", section.Get("rpc_url"), $"\"{urlText}\" is not an http(s) URL (JSON-RPC over HTTP; WebSocket endpoints are not supported)");
            url = null;
        }
        var chainId = section.Integer("chain_id", 0, 1, long.MaxValue);
        if (section.Get("chain_id") is null) document.Report("ethereum.chain_id", section.Node, "missing (required)");
        var confirmations = section.Int("confirmations", 1, 1, 1000);
        var contracts = document.Mapping(section.Get("contracts"), "ethereum.contracts");
        var wquil = contracts is null ? null : ReadAddress(document, contracts, "wquil");
        var bridge = contracts is null ? null : ReadAddress(document, contracts, "bridge");
        contracts?.ReportUnknownKeys();
        var safe = ReadAddress(document, section, "safe");
        var pauser = ReadAddress(document, section, "pauser");
        var minter = ReadAddress(document, section, "minter");
        var keystore = section.String("deployer_keystore");
        if (keystore is { Length: 0 }) document.Report("ethereum.deployer_keystore", section.Get("deployer_keystore"), "empty (give the keystore file's path, relative to the plan)");
        var safeFolder = section.String("safe_folder") ?? EthereumSettings.DefaultSafeFolder;
        if (safeFolder.Length == 0) document.Report("ethereum.safe_folder", section.Get("safe_folder"), "empty (give the folder's path, relative to the plan)");
        section.ReportUnknownKeys();
        return url is null || chainId == 0 ? null
            : new EthereumSettings(url, (ulong)chainId, confirmations, wquil, bridge, safe) { Pauser = pauser, Minter = minter, DeployerKeystore = keystore is { Length: > 0 } ? keystore : null, SafeFolder = safeFolder };
    }

    private static string? ReadAddress(PlanDocument document, PlanMapping section, string key)
    {
        var text = section.String(key);
        if (text is null) return null;
        if (text.Length == 42 && text.StartsWith("0x", StringComparison.Ordinal) && text[2..].All(char.IsAsciiHexDigit))
        {
            return text.ToLowerInvariant();
        }
        document.Report(section.PathOf(key), section.Get(key), $"\"{text}\" is not a 20-byte Ethereum address (0x and 40 hex digits)");
        return null;
    }
}
