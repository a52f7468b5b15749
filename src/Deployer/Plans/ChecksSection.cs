namespace Rollout.Deployer.Plans;

/// <summary>Reads <c>checks:</c>, one mapping per check; every threshold defaults to the seed's criterion.</summary>
internal static class ChecksSection
{
    public static CheckThresholds Read(PlanDocument document, PlanMapping? section)
    {
        var s = CheckThresholds.Seed;
        if (section is null) return s;
        var px = document.Mapping(section.Get("peer_exchange"), "checks.peer_exchange");
        var cm = document.Mapping(section.Get("connection_management"), "checks.connection_management");
        var rs = document.Mapping(section.Get("routing_success"), "checks.routing_success");
        var ul = document.Mapping(section.Get("upper_limits"), "checks.upper_limits");
        var ms = document.Mapping(section.Get("mesh_stable"), "checks.mesh_stable");
        var thresholds = new CheckThresholds(
            px?.Int("max_heartbeats_before_prune", s.PeerExchangeMaxHeartbeats, 1, 1000) ?? s.PeerExchangeMaxHeartbeats,
            cm?.Int("max_high_watermark_breaches", s.ConnectionManagementMaxBreaches, 0, 1_000_000) ?? s.ConnectionManagementMaxBreaches,
            rs?.Int("light_peers", s.RoutingLightPeers, 1, 10_000_000) ?? s.RoutingLightPeers,
            rs?.Int("relays", s.RoutingRelays, 0, 10_000) ?? s.RoutingRelays,
            rs?.Integer("max_lost_messages", s.RoutingMaxLostMessages, 0, long.MaxValue) ?? s.RoutingMaxLostMessages,
            ul?.Int("peer_multiple", s.UpperLimitsPeerMultiple, 1, 1000) ?? s.UpperLimitsPeerMultiple,
            ms?.Int("max_rebuilds_per_minute", s.MeshStableMaxRebuildsPerMinute, 0, 1_000_000) ?? s.MeshStableMaxRebuildsPerMinute,
            ms?.Int("majority_percent", s.MeshStableMajorityPercent, 1, 100) ?? s.MeshStableMajorityPercent)
        {
            UpperLimitsMaxSafeWatermark = ul?.Int("max_safe_watermark", s.UpperLimitsMaxSafeWatermark, 1, 10_000_000) ?? s.UpperLimitsMaxSafeWatermark,
        };
        foreach (var child in new[] { px, cm, rs, ul, ms }) child?.ReportUnknownKeys();
        section.ReportUnknownKeys();
        return thresholds;
    }
}
