using System.Net;
using YamlDotNet.RepresentationModel;

namespace Rollout.Deployer.Plans;

/// <summary>
/// What a <c>mainnet</c> plan refuses, because it only makes sense on the rehearsal network (seed 000: testnet
/// features must not leak into production): fault injection and simulated faults; quorum overrides below the reference rule; an
/// Ethereum RPC URL on a loopback or private host; a development chain id (31337 Hardhat, 1337 Ganache/geth
/// dev); a check threshold weaker than the rollout seed's success criterion; a missing wQUIL or Safe address
/// (mainnet uses the existing contracts; only a rehearsal deploys its own).
/// </summary>
public static class MainnetRules
{
    /// <summary>Chain ids of local development chains.</summary>
    public static IReadOnlySet<ulong> DevelopmentChainIds { get; } = new HashSet<ulong> { 31337, 1337 };

    internal static void Check(RolloutPlan plan, PlanDocument document, PlanMapping top)
    {
        if (plan.Network != NetworkProfile.Mainnet) return;
        var root = top.Node;
        void Refuse(string path, string message) => document.Report(path, At(root, path), "mainnet refuses " + message);

        if (plan.Testnet.FaultInjection) Refuse("testnet.fault_injection", "fault injection (testnet only)");
        if (plan.Testnet.SimulatedFaults.Any) Refuse("testnet.simulated_faults", "faults injected into the simulated network (testnet only)");
        var n = plan.Signatories.Count;
        if (plan.Quorum.Release < QuorumRules.ReferenceRelease(n))
        {
            Refuse("quorum.release", $"a release quorum of {plan.Quorum.Release}, below the reference ceil({n}/2) = {QuorumRules.ReferenceRelease(n)}");
        }
        if (plan.Quorum.Unlock < QuorumRules.ReferenceUnlock(n))
        {
            Refuse("quorum.unlock", $"an unlock quorum of {plan.Quorum.Unlock}, below the reference (({n}-4)/2)+(({n}-4)%2) = {QuorumRules.ReferenceUnlock(n)}");
        }
        if (IsLocalHost(plan.Ethereum.RpcUrl)) Refuse("ethereum.rpc_url", $"a local RPC endpoint ({plan.Ethereum.RpcUrl.Host})");
        if (DevelopmentChainIds.Contains(plan.Ethereum.ChainId)) Refuse("ethereum.chain_id", $"development chain id {plan.Ethereum.ChainId}");
        if (plan.Ethereum.WrappedTokenAddress is null) Refuse("ethereum.contracts.wquil", "a plan without the existing wQUIL address");
        if (plan.Ethereum.SafeAddress is null) Refuse("ethereum.safe", "a plan without the Safe that unpauses");

        var c = plan.Checks;
        var s = CheckThresholds.Seed;
        if (c.PeerExchangeMaxHeartbeats > s.PeerExchangeMaxHeartbeats)
            Refuse("checks.peer_exchange.max_heartbeats_before_prune", $"more than the seed's {s.PeerExchangeMaxHeartbeats} heartbeats");
        if (c.ConnectionManagementMaxBreaches > s.ConnectionManagementMaxBreaches)
            Refuse("checks.connection_management.max_high_watermark_breaches", "any high-watermark breach");
        if (c.RoutingLightPeers < s.RoutingLightPeers)
            Refuse("checks.routing_success.light_peers", $"fewer than the seed's {s.RoutingLightPeers} light peers");
        if (c.RoutingRelays > s.RoutingRelays)
            Refuse("checks.routing_success.relays", $"more than the seed's {s.RoutingRelays} relays");
        if (c.RoutingMaxLostMessages > s.RoutingMaxLostMessages)
            Refuse("checks.routing_success.max_lost_messages", "any message loss");
        if (c.UpperLimitsPeerMultiple < s.UpperLimitsPeerMultiple)
            Refuse("checks.upper_limits.peer_multiple", $"less than the seed's {s.UpperLimitsPeerMultiple}× peer count");
    }

    /// <summary>True for localhost, loopback and private (RFC 1918, link-local, ULA) hosts.</summary>
    public static bool IsLocalHost(Uri url)
    {
        if (url.IsLoopback || url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (!IPAddress.TryParse(url.Host.Trim('[', ']'), out var address)) return false;
        if (IPAddress.IsLoopback(address)) return true;
        if (address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal) return true;
        var b = address.MapToIPv4().GetAddressBytes();
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && (b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254));
    }

    /// <summary>The deepest node that exists along a dotted path, so a refusal points at the setting or its section.</summary>
    private static YamlNode? At(YamlMappingNode root, string path)
    {
        YamlNode current = root;
        foreach (var key in path.Split('.'))
        {
            if (current is not YamlMappingNode map) break;
            var next = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: { } k } && k == key).Value;
            if (next is null) break;
            current = next;
        }
        return current;
    }
}
