namespace Rollout.Deployer.Plans;

/// <summary>Checks a bootstrap multiaddr's text form: protocol/value pairs ending in <c>/p2p/&lt;peer ID&gt;</c>.</summary>
internal static class MultiaddrText
{
    private static readonly HashSet<string> HostProtocols = ["ip4", "ip6", "dns", "dns4", "dns6"];
    private static readonly HashSet<string> ValuelessProtocols = ["quic", "quic-v1", "ws", "wss", "webtransport", "noise", "tls"];

    /// <summary>Returns null when valid (and the peer ID), else what is wrong.</summary>
    public static string? Validate(string text, out string? peerId)
    {
        peerId = null;
        if (!text.StartsWith('/')) return $"\"{text}\" is not a multiaddr (must start with /)";
        var parts = text[1..].Split('/');
        if (parts.Length < 2 || !HostProtocols.Contains(parts[0])) return $"\"{text}\" must start with /ip4, /ip6 or /dns";
        var i = 0;
        while (i < parts.Length)
        {
            var protocol = parts[i];
            if (ValuelessProtocols.Contains(protocol))
            {
                i++;
                continue;
            }
            if (i + 1 >= parts.Length || parts[i + 1].Length == 0) return $"\"{text}\": /{protocol} has no value";
            var value = parts[i + 1];
            switch (protocol)
            {
                case "ip4" when !System.Net.IPAddress.TryParse(value, out var v4) || v4.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork:
                    return $"\"{text}\": \"{value}\" is not an IPv4 address";
                case "ip6" when !System.Net.IPAddress.TryParse(value, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6:
                    return $"\"{text}\": \"{value}\" is not an IPv6 address";
                case "tcp" or "udp" when !ushort.TryParse(value, out var port) || port == 0:
                    return $"\"{text}\": \"{value}\" is not a port";
                case "p2p":
                    if (i + 2 != parts.Length) return $"\"{text}\": /p2p/<peer ID> must be the last component";
                    if (!PlanSections.IsPeerId(value, out var error)) return $"\"{text}\": peer ID {error}";
                    peerId = value;
                    return null;
                case "ip4" or "ip6" or "dns" or "dns4" or "dns6" or "tcp" or "udp":
                    break;
                default:
                    return $"\"{text}\": unknown protocol /{protocol}";
            }
            i += 2;
        }
        return $"\"{text}\" does not end in /p2p/<peer ID>";
    }
}
