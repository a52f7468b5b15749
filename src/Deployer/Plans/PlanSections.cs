using Rollout.Mesh.Identity;

namespace Rollout.Deployer.Plans;

/// <summary>Reads the plan's top-level settings; each nested section has its own reader.</summary>
internal static class PlanSections
{
    /// <summary>Ed448 public keys are 57 bytes (DOMAIN.md).</summary>
    public const int Ed448PublicKeyLength = 57;

    public static RolloutPlan? Read(PlanDocument document, PlanMapping top, string source, string sha256)
    {
        var network = ReadNetwork(document, top);
        var signatories = ReadSignatories(document, top);
        var quorum = ReadQuorum(document, top, signatories.Count);
        var beacon = ReadKey(document, top.Get("beacon", required: true), "beacon");
        var peers = ReadBootstrapPeers(document, top);
        var mesh = MeshSection.Read(document, document.Mapping(top.Get("mesh"), "mesh"));
        var subshard = top.Int("subshard_threshold", 32, 2, 1 << 20);
        var snapshots = top.String("snapshots", required: true);
        var bridge = ReadBridgeAddress(document, top);
        var ethereum = EthereumSection.Read(document, document.Mapping(top.Get("ethereum", required: true), "ethereum"));
        var checks = ChecksSection.Read(document, document.Mapping(top.Get("checks"), "checks"));
        var testnet = ReadTestnet(document, document.Mapping(top.Get("testnet"), "testnet"));
        var release = ReleaseSection.Read(document, document.Mapping(top.Get("release"), "release"));
        top.ReportUnknownKeys();

        if (network is null || quorum is null || beacon is null || snapshots is null || bridge is null || ethereum is null)
        {
            return null;
        }
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source)) ?? ".", snapshots));
        return new RolloutPlan(source, sha256, network.Value, signatories, quorum, beacon, peers, mesh, subshard, folder, bridge,
            ethereum, checks, testnet) { Release = release };
    }

    private static NetworkProfile? ReadNetwork(PlanDocument document, PlanMapping top)
    {
        var text = top.String("network", required: true);
        switch (text)
        {
            case null: return null;
            case "rehearsal": return NetworkProfile.Rehearsal;
            case "mainnet": return NetworkProfile.Mainnet;
            default:
                document.Report("network", top.Get("network"), $"\"{text}\" is not rehearsal or mainnet");
                return null;
        }
    }

    private static List<string> ReadSignatories(PlanDocument document, PlanMapping top)
    {
        var keys = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = document.Sequence(top.Get("signatories", required: true), "signatories");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"signatories[{i}]";
            var key = ReadKey(document, items[i], path);
            if (key is null) continue;
            var retired = key.All(c => c == '0');
            if (!retired && seen.TryGetValue(key, out var first))
            {
                document.Report(path, items[i], $"the same key as signatories[{first}]");
            }
            else if (!retired)
            {
                seen[key] = i;
            }
            keys.Add(key);
        }
        if (items.Count > 0 && keys.Count == items.Count && seen.Count == 0)
        {
            document.Report("signatories", top.Get("signatories"), "every slot is retired (all zero)");
        }
        return keys;
    }

    private static QuorumRules? ReadQuorum(PlanDocument document, PlanMapping top, int signatories)
    {
        var section = document.Mapping(top.Get("quorum"), "quorum");
        var referenceRelease = QuorumRules.ReferenceRelease(signatories);
        var referenceUnlock = QuorumRules.ReferenceUnlock(signatories);
        var release = section?.Int("release", referenceRelease, 1, Math.Max(1, signatories)) ?? referenceRelease;
        var unlock = section?.Int("unlock", referenceUnlock, 1, Math.Max(1, signatories)) ?? referenceUnlock;
        var overridden = section?.Get("release") is not null || section?.Get("unlock") is not null;
        section?.ReportUnknownKeys();
        if (signatories > 0 && unlock < 1)
        {
            document.Report("quorum.unlock", section?.Node ?? top.Node,
                $"the reference unlock rule gives {unlock} for {signatories} signatories; list at least 5 or set quorum.unlock");
            return null;
        }
        return new QuorumRules(release, unlock, overridden);
    }

    /// <summary>Reads a 57-byte Ed448 public key written as hex (with or without 0x).</summary>
    public static string? ReadKey(PlanDocument document, YamlDotNet.RepresentationModel.YamlNode? node, string path)
    {
        if (node is null) return null;
        var text = document.Scalar(node, path);
        if (text is null) return null;
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length != Ed448PublicKeyLength * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            document.Report(path, node, $"not a {Ed448PublicKeyLength}-byte Ed448 key ({hex.Length} hex digits, expected {Ed448PublicKeyLength * 2})");
            return null;
        }
        return hex.ToLowerInvariant();
    }

    private static List<BootstrapPeer> ReadBootstrapPeers(PlanDocument document, PlanMapping top)
    {
        var peers = new List<BootstrapPeer>();
        var items = document.Sequence(top.Get("bootstrap_peers", required: true), "bootstrap_peers");
        if (top.Get("bootstrap_peers") is { } list && items.Count == 0) document.Report("bootstrap_peers", list, "no bootstrap peer listed");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"bootstrap_peers[{i}]";
            var text = document.Scalar(items[i], path);
            if (text is null) continue;
            var error = MultiaddrText.Validate(text, out var peerId);
            if (error is not null)
            {
                document.Report(path, items[i], error);
                continue;
            }
            if (seen.TryGetValue(peerId!, out var first))
            {
                document.Report(path, items[i], $"peer {peerId} is already bootstrap_peers[{first}]");
                continue;
            }
            seen[peerId!] = i;
            peers.Add(new BootstrapPeer(text, peerId!));
        }
        return peers;
    }

    private static string? ReadBridgeAddress(PlanDocument document, PlanMapping top)
    {
        var text = top.String("bridge_address", required: true);
        if (text is null) return null;
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length == 64 && hex.All(char.IsAsciiHexDigit)) return hex.ToLowerInvariant();
        document.Report("bridge_address", top.Get("bridge_address"), "not a 32-byte node address (64 hex digits)");
        return null;
    }

    private static TestnetSettings ReadTestnet(PlanDocument document, PlanMapping? section)
    {
        if (section is null) return TestnetSettings.None;
        var faults = document.Mapping(section.Get("simulated_faults"), "testnet.simulated_faults");
        var settings = new TestnetSettings(section.Boolean("fault_injection", false))
        {
            SimulatedFaults = faults is null ? SimulatedFaults.None : new SimulatedFaults(
                faults.Int("crashing_peers", 0, 0, 10_000_000),
                faults.Int("thrashing_peers", 0, 0, 10_000_000),
                faults.Int("stale_provers", 0, 0, 10_000_000)),
        };
        faults?.ReportUnknownKeys();
        section.ReportUnknownKeys();
        return settings;
    }

    /// <summary>True when <paramref name="text"/> parses as a peer ID.</summary>
    public static bool IsPeerId(string text, out string error) => PeerId.TryParse(text, out _, out error);
}
