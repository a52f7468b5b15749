using System.Globalization;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// Stage 1, Routing Success: light peers and relays join, the mesh stabilises, then messages are
/// sent peer by peer (one publisher after another). Pass when every message reaches every light
/// peer and relay within its TTL.
/// </summary>
public static class RoutingScenario
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "routing";

    /// <summary>BlossomSub 2.0's default Dlo: a mean light mesh degree below it is a sparse mesh.</summary>
    public const int DenseMeshDegree = 5;

    /// <summary>Runs the scenario.</summary>
    public static ScenarioReport Run(ScenarioSettings settings, Action<SimulationProgress>? progress = null)
    {
        var population = new MeshPopulation(settings);
        population.ScheduleJoin();
        var heartbeat = settings.Heartbeat;
        // Settled before the messages: the light peers' connection grace period has run out, so their
        // managers have trimmed the join's surplus of PX dials to the watermarks (as in a network that
        // has run a while, not one still above its high watermark), and then the mesh is stable.
        var at = population.LastWaveAt + population.Profiles.Light.Connections.GracePeriod + (heartbeat * 5);
        ScenarioRun.RunTo(population, at, progress);
        // Stable: the light meshes changed by less than 1 % of the peers over one heartbeat (at most 120 tries).
        var changes = ScenarioRun.MeshChanges(population);
        var stabilisation = 0;
        for (; stabilisation < 120; stabilisation++)
        {
            at += heartbeat;
            ScenarioRun.RunTo(population, at, progress);
            var now = ScenarioRun.MeshChanges(population);
            var delta = now - changes;
            changes = now;
            if (delta * 100 <= settings.Peers) break;
        }
        // The join's surplus connections, trimmed once the grace period ran out, lived long enough to be
        // promoted and now lie dead in the oldest generation. Collected here, before the messages grow
        // every router's caches, their space is reused instead of adding to the run's peak.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var degrees = ScenarioRun.MeshDegrees(population);
        var connections = ScenarioRun.LightConnections(population);
        if (settings.PublishLoss > 0)
        {
            // A lossy spell that starts with the messages: the mesh was built on clean links.
            var lossy = new LinkProfile(settings.Latency, TimeSpan.FromTicks(settings.Latency.Ticks / 4), settings.PublishLoss);
            foreach (var a in Enum.GetValues<NodeClass>())
            {
                foreach (var b in Enum.GetValues<NodeClass>()) population.Network.Links.SetClassLink(a, b, lossy);
            }
        }
        var payload = new byte[settings.PayloadBytes];
        var start = at;
        for (var i = 0; i < settings.Messages; i++)
        {
            var publisher = settings.PublishThroughRelays && settings.Relays > 0
                ? population.RelayRange.First + (i % settings.Relays)
                : population.LightRange.First + (int)((long)i * settings.Peers / settings.Messages);
            population.Engine.Schedule(start + (settings.PublishInterval * i), () =>
            {
                if (population.NodeAt(publisher).Node is { } node) population.Track(node.Router.Publish(population.Topic, payload));
            });
        }
        // Long enough for late copies to arrive by gossip, so late and never are told apart. Once every
        // message has reached every subscriber on time there is nothing left to tell apart, and the run
        // ends there: what follows is gossip about messages everyone holds.
        var drain = settings.MessageTtl * 2 > heartbeat * 4 ? settings.MessageTtl * 2 : heartbeat * 4;
        var end = start + (settings.PublishInterval * settings.Messages) + drain;
        var subscribers = Subscribers(settings);
        ScenarioRun.RunTo(population, end, progress, () => population.EveryMessageOnTime(settings.Messages, subscribers));
        return Evaluate(population, degrees, connections, stabilisation);
    }

    private static ScenarioReport Evaluate(MeshPopulation population, List<int> degrees, List<int> connections, int stabilisation)
    {
        var settings = population.Settings;
        var subscribers = Subscribers(settings);
        long onTime = 0, late = 0, missing = 0;
        var lost = 0;
        foreach (var (messageOnTime, messageLate) in population.Deliveries)
        {
            onTime += messageOnTime;
            late += messageLate;
            missing += subscribers - messageOnTime - messageLate;
            if (messageOnTime < subscribers) lost++;
        }
        var meanDegree = degrees.Count == 0 ? 0 : degrees.Average();
        var relay = population.RelayQueue;
        var counters = population.Network.Counters;
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["messages"] = population.Deliveries.Count,
            ["subscribers_per_message"] = subscribers,
            ["deliveries_on_time"] = onTime,
            ["deliveries_late"] = late,
            ["deliveries_missing"] = missing,
            ["messages_lost"] = lost,
            ["mesh_degree_mean"] = Math.Round(meanDegree, 2),
            ["mesh_degree_min"] = degrees.Count == 0 ? 0 : degrees.Min(),
            ["light_connections_mean"] = connections.Count == 0 ? 0 : Math.Round(connections.Average(), 2),
            ["light_connections_max"] = connections.Count == 0 ? 0 : connections.Max(),
            ["stabilisation_heartbeats"] = stabilisation,
            ["relay_queue_drops"] = relay.Dropped,
            ["relay_backlog_max_ms"] = ScenarioRun.Ms(relay.LongestBacklog.Ticks),
            ["light_queue_drops"] = population.LightQueueDrops,
            ["link_losses"] = counters.DroppedLoss,
            ["ttl_ms"] = settings.MessageTtl.TotalMilliseconds,
        };
        var passed = population.Deliveries.Count == settings.Messages && lost == 0;
        var diagnoses = new List<Diagnosis>();
        if (!passed)
        {
            var summary = Invariant($"{lost} of {population.Deliveries.Count} messages missed subscribers: {late} deliveries after the {settings.MessageTtl.TotalMilliseconds} ms TTL, {missing} never");
            if (relay.Dropped > 0 || relay.LongestBacklog > settings.MessageTtl / 2)
            {
                diagnoses.Add(MeshCause.Diagnose("RS-4", Invariant($"{summary}; relays dropped {relay.Dropped} messages at a full uplink, longest relay backlog {figures["relay_backlog_max_ms"]} ms")));
            }
            if (meanDegree < DenseMeshDegree)
            {
                diagnoses.Add(MeshCause.Diagnose("RS-1", Invariant($"{summary}; mean light mesh degree {figures["mesh_degree_mean"]} is below {DenseMeshDegree}")));
            }
            else if (late > 0 && diagnoses.Count == 0)
            {
                diagnoses.Add(MeshCause.Diagnose("RS-2", Invariant($"{summary}; the mesh is dense (mean degree {figures["mesh_degree_mean"]}) but late copies arrived by gossip, which runs every heartbeat ({settings.Heartbeat.TotalMilliseconds} ms)")));
            }
            if (diagnoses.Count == 0)
            {
                diagnoses.Add(MeshCause.Diagnose("RS-3", Invariant($"{summary}; mesh dense and relays unsaturated; the transport dropped {population.LightQueueDrops} messages at full light-peer uplinks and lost {counters.DroppedLoss} on links")));
            }
        }
        return new ScenarioReport
        {
            Scenario = Name,
            Criterion = "every message sent peer by peer reaches every subscriber within its TTL",
            Passed = passed,
            Population = ScenarioRun.Who(settings),
            Figures = figures,
            Diagnoses = diagnoses,
            Engine = ScenarioRun.Stats(population),
        };
    }

    /// <summary>Who should receive each message: every light peer and relay but its publisher.</summary>
    private static int Subscribers(ScenarioSettings settings) => settings.Peers + settings.Relays - 1;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
