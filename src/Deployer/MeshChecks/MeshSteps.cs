using System.Globalization;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;
using Rollout.Mesh.Scenarios;

namespace Rollout.Deployer.MeshChecks;

/// <summary>
/// The six stage 1 and 2 steps the simulator measures, each with its scenario, its criterion and the comparison
/// it makes. Where the plan's threshold is a scenario setting (PX heartbeats, the upper-limits multiple, the
/// rebuild rate, the subshard threshold) the scenario's own verdict is the check's; where it is not (breaches
/// allowed, messages lost allowed) the check compares the report's figure with the plan's threshold itself.
/// </summary>
public static class MeshSteps
{
    /// <summary>Every mesh step, in rollout order.</summary>
    public static IReadOnlyList<MeshStep> All { get; } =
    [
        new(RolloutState.PeerExchange, PeerExchangeScenario.Name,
            p => Text($"every peer leaves a bootstrap's mesh, pruned with PX, within {p.Checks.PeerExchangeMaxHeartbeats} heartbeats ({DurationText.Format(Reference)} each, BlossomSub 2.0's, which the seed counts in; the plan's heartbeat is {DurationText.Format(p.Mesh.Heartbeat)}) on {p.BootstrapPeers.Count} bootstraps"),
            (r, s, _) => new(r.Passed, Text(
                $"longest stay on a bootstrap {Fig(r, "stay_max_ms")} ms against the budget {s.PruneBudgetHeartbeats} x {Ms(s.ReferenceHeartbeat)} ms = {Fig(r, "budget_ms")} ms; late {Fig(r, "late")}, not pruned {Fig(r, "not_pruned")}, never reached a bootstrap {Fig(r, "unreached")} (all must be 0)"))),
        new(RolloutState.ConnectionManagement, ConnectionManagementScenario.Name,
            p => Text($"no bootstrap's connection count goes above the high watermark {p.Mesh.WatermarkHigh} (breaches allowed: {p.Checks.ConnectionManagementMaxBreaches})"),
            (r, _, p) =>
            {
                var breaches = MeshStep.Figure(r, "breaches");
                return new(breaches <= p.Checks.ConnectionManagementMaxBreaches, Text(
                    $"high-watermark breaches {Fig(r, "breaches")} against {p.Checks.ConnectionManagementMaxBreaches} allowed (high watermark {p.Mesh.WatermarkHigh}, peak {Fig(r, "bootstrap_peak_connections")} connections, refusals {Fig(r, "refusals")})"));
            }),
        new(RolloutState.RoutingSuccess, RoutingScenario.Name,
            p => Text($"{p.Checks.RoutingLightPeers} light peers and {p.Checks.RoutingRelays} relays; after the mesh stabilises every peer's message reaches every peer (lost allowed: {p.Checks.RoutingMaxLostMessages})"),
            (r, s, p) =>
            {
                var lost = MeshStep.Figure(r, "messages_lost");
                var sent = MeshStep.Figure(r, "messages");
                return new(sent == s.Messages && lost <= p.Checks.RoutingMaxLostMessages, Text(
                    $"messages that missed a subscriber within the {Fig(r, "ttl_ms")} ms TTL {Fig(r, "messages_lost")} of {Fig(r, "messages")} sent ({s.Messages} scheduled) against {p.Checks.RoutingMaxLostMessages} allowed; mean light mesh degree {Fig(r, "mesh_degree_mean")}"));
            },
            GenericCause: "RS-3"),
        new(RolloutState.UpperLimits, UpperLimitsScenario.Name,
            p => Text($"raise the bootstraps' watermarks until peers stop reaching the mesh or the bootstraps; the breaking point must serve {p.Checks.UpperLimitsPeerMultiple}x the current peer count"),
            (r, s, _) => new(r.Passed, Text(
                $"breaking-point watermark {Fig(r, "breaking_point_high_watermark")} x {s.PeerMultiple} = {Fig(r, "watermark_needed")} against the highest safe watermark {Fig(r, "max_safe_watermark")} (the simulator's resource-manager bound; -1: no watermark served every peer)"))),
        new(RolloutState.MeshStable, MeshStabilityScenario.Name,
            p => Text($"once {p.Checks.MeshStableMajorityPercent}% of nodes are online, mesh rebuilding stays at or below {p.Checks.MeshStableMaxRebuildsPerMinute} per peer per minute"),
            (r, s, p) => new(r.Passed, Text(
                $"mesh changes per honest peer per minute {Fig(r, "rebuilds_per_peer_minute")} against {s.MaxRebuildsPerPeerMinute} allowed, over a {Fig(r, "window_seconds")} s window measured once every peer is online and the mesh settled (at least the plan's majority of {p.Checks.MeshStableMajorityPercent}%)"))),
        new(RolloutState.ProverEnrollment, ProverEnrollmentScenario.Name,
            p => Text($"prover enrollments shard out at the subshard threshold: once a shard holds more than {p.SubshardThreshold} provers, new provers enroll in its subshards; every prover enrolls and none misses a slot update"),
            (r, s, _) => new(r.Passed, Text(
                $"enrolled {Fig(r, "enrolled")} of {Fig(r, "provers")} provers in {Fig(r, "shards")} shards (largest {Fig(r, "largest_shard")}, subshard threshold {s.SubshardThreshold}); missed slot updates {Fig(r, "missed_slot_updates")} and shards below a parent that was not full {Fig(r, "shards_below_unfilled_parent")} (both must be 0)"))),
    ];

    /// <summary>The mesh step for <paramref name="step"/>.</summary>
    public static MeshStep For(RolloutState step) =>
        All.FirstOrDefault(m => m.Step == step) ?? throw new ArgumentOutOfRangeException(nameof(step), step, "not a stage 1 or 2 mesh step");

    private static TimeSpan Reference => new ScenarioSettings().ReferenceHeartbeat;

    private static string Fig(ScenarioReport report, string name) => Number(MeshStep.Figure(report, name));

    private static string Ms(TimeSpan span) => Number(span.TotalMilliseconds);

    /// <summary>A figure as text: invariant, no grouping, at most three decimals.</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
