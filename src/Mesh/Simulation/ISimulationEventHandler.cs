namespace Rollout.Mesh.Simulation;

/// <summary>Runs events of one kind when the engine's clock reaches them.</summary>
public interface ISimulationEventHandler
{
    /// <summary>Handles <paramref name="simulationEvent"/>; the engine's clock already reads its time.</summary>
    void Handle(in SimulationEvent simulationEvent);
}
