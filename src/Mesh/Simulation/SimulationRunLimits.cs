namespace Rollout.Mesh.Simulation;

/// <summary>When a run stops. A run always stops when no event is left.</summary>
public sealed record SimulationRunLimits
{
    /// <summary>Run until nothing is left, with no other limit.</summary>
    public static SimulationRunLimits UntilIdle { get; } = new();

    /// <summary>Stop before the first event later than this virtual time since the start; the clock then reads it.</summary>
    public TimeSpan? Until { get; init; }

    /// <summary>Stop after this many events in this run.</summary>
    public long MaxEvents { get; init; } = long.MaxValue;

    /// <summary>Checked before every event; the run stops as soon as it returns true.</summary>
    public Func<bool>? StopWhen { get; init; }

    /// <summary>Called every this many events with a <see cref="SimulationProgress"/>, and once at the end.</summary>
    public long ProgressEveryEvents { get; init; } = 1_000_000;

    /// <summary>Receives progress; the CLI renders it. Null for none.</summary>
    public Action<SimulationProgress>? Progress { get; init; }
}
