namespace Rollout.Mesh.Simulation;

/// <summary>Runs an <see cref="Action"/> carried as the event's payload.</summary>
internal sealed class ActionEventHandler : ISimulationEventHandler
{
    public static ActionEventHandler Instance { get; } = new();

    public void Handle(in SimulationEvent simulationEvent) => ((Action)simulationEvent.Payload!)();
}
