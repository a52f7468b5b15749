namespace Rollout.Mesh.Simulation;

/// <summary>What one call to <see cref="SimulationEngine.Run"/> did.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="EventsProcessed">Events run in this call.</param>
/// <param name="VirtualTime">The clock when it stopped, as time since the start.</param>
/// <param name="WallTime">Wall time this call took.</param>
public sealed record SimulationRunResult(
    SimulationStopReason Reason,
    long EventsProcessed,
    TimeSpan VirtualTime,
    TimeSpan WallTime);
