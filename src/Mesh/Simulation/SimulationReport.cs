using System.Globalization;
using System.Text.Json;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// The compact summary of a run, written as JSON by <c>rollout mesh simulate --json</c>. Scenario
/// figures (routing success, watermark breaches) go in <see cref="Metrics"/> under names the scenario picks.
/// </summary>
public sealed record SimulationReport
{
    /// <summary>The run seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Why the last run stopped.</summary>
    public required SimulationStopReason StopReason { get; init; }

    /// <summary>Events run.</summary>
    public required long Events { get; init; }

    /// <summary>Virtual time reached, in milliseconds.</summary>
    public required long VirtualTimeMilliseconds { get; init; }

    /// <summary>Wall time spent running, in milliseconds.</summary>
    public required long WallTimeMilliseconds { get; init; }

    /// <summary>Events per second of wall time.</summary>
    public required long EventsPerSecond { get; init; }

    /// <summary>Most events waiting at once.</summary>
    public required int PeakQueueLength { get; init; }

    /// <summary>The engine's trace hash in hex; equal for equal seeds and schedules.</summary>
    public required string TraceHash { get; init; }

    /// <summary>Nodes in the network.</summary>
    public int Nodes { get; init; }

    /// <summary>Nodes online at the end.</summary>
    public int PeersOnline { get; init; }

    /// <summary>Messages accepted by uplinks.</summary>
    public long MessagesSent { get; init; }

    /// <summary>Messages delivered.</summary>
    public long MessagesDelivered { get; init; }

    /// <summary>Messages lost on links.</summary>
    public long DroppedLoss { get; init; }

    /// <summary>Messages dropped at full outbound queues.</summary>
    public long DroppedQueueFull { get; init; }

    /// <summary>Messages dropped by down links.</summary>
    public long DroppedLinkDown { get; init; }

    /// <summary>Messages that reached an offline or crashed node.</summary>
    public long DroppedReceiverOffline { get; init; }

    /// <summary>Scenario-specific figures by name.</summary>
    public IReadOnlyDictionary<string, long> Metrics { get; init; } = new Dictionary<string, long>();

    /// <summary>A report of <paramref name="engine"/> alone, for a run without a network.</summary>
    public static SimulationReport Create(SimulationEngine engine, SimulationStopReason stopReason, IReadOnlyDictionary<string, long>? metrics = null) =>
        Create<object>(engine, stopReason, null, metrics);

    /// <summary>A report of <paramref name="engine"/> and, when given, <paramref name="network"/>'s counters.</summary>
    public static SimulationReport Create<TMessage>(
        SimulationEngine engine,
        SimulationStopReason stopReason,
        SimulatedNetwork<TMessage>? network,
        IReadOnlyDictionary<string, long>? metrics = null)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(engine);
        var counters = network?.Counters ?? new NetworkCounters();
        return new SimulationReport
        {
            Seed = engine.Seed,
            StopReason = stopReason,
            Events = engine.EventsProcessed,
            VirtualTimeMilliseconds = (long)engine.Elapsed.TotalMilliseconds,
            WallTimeMilliseconds = (long)engine.WallTime.TotalMilliseconds,
            EventsPerSecond = (long)engine.EventsPerSecond,
            PeakQueueLength = engine.PeakQueueLength,
            TraceHash = engine.TraceHash.ToString("x16", CultureInfo.InvariantCulture),
            Nodes = network?.Count ?? 0,
            PeersOnline = network?.OnlineCount ?? 0,
            MessagesSent = counters.Sent,
            MessagesDelivered = counters.Delivered,
            DroppedLoss = counters.DroppedLoss,
            DroppedQueueFull = counters.DroppedQueueFull,
            DroppedLinkDown = counters.DroppedLinkDown,
            DroppedReceiverOffline = counters.DroppedReceiverOffline,
            Metrics = metrics ?? new Dictionary<string, long>(),
        };
    }

    /// <summary>The report as indented JSON (camelCase, stop reason as text).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SimulationReportJsonContext.Default.SimulationReport);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static SimulationReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, SimulationReportJsonContext.Default.SimulationReport)
        ?? throw new InvalidDataException("simulation report: the JSON is null");
}
