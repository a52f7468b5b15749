namespace Rollout.Mesh.Simulation;

/// <summary>A snapshot of a running simulation, for a progress display.</summary>
/// <param name="EventsProcessed">Events run since the engine was created.</param>
/// <param name="VirtualTime">Virtual time elapsed since the start.</param>
/// <param name="WallTime">Wall time spent inside runs so far.</param>
/// <param name="PeersOnline">Nodes online, as the engine's <see cref="SimulationEngine.PeersOnline"/> reports (0 without a network).</param>
/// <param name="QueueLength">Events waiting.</param>
public readonly record struct SimulationProgress(
    long EventsProcessed,
    TimeSpan VirtualTime,
    TimeSpan WallTime,
    int PeersOnline,
    int QueueLength);
