namespace Rollout.Mesh.Simulation;

/// <summary>Why a call to <see cref="SimulationEngine.Run"/> returned.</summary>
public enum SimulationStopReason
{
    /// <summary>No event was left to run.</summary>
    Idle,

    /// <summary>The next event lies beyond the time limit; the clock now reads the limit.</summary>
    TimeReached,

    /// <summary>The stop predicate returned true.</summary>
    PredicateMet,

    /// <summary>The run processed its maximum number of events.</summary>
    EventCap,
}
