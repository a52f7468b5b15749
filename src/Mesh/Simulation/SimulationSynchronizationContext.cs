namespace Rollout.Mesh.Simulation;

/// <summary>
/// Installed while the engine runs, so an <c>await</c> inside simulated code resumes as an engine
/// event at the current virtual time, on the lane it started on, in a deterministic order, instead
/// of on the thread pool.
/// </summary>
internal sealed class SimulationSynchronizationContext(SimulationEngine engine) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (engine.IsRunning && !engine.IsRunningOnThisThread)
            throw new InvalidOperationException(
                "simulated code resumed outside the simulation's thread: it awaited something that is not on virtual time");
        engine.Schedule(engine.NowTicks, engine.CurrentLane, ActionEventHandler.Instance, new Action(() => d(state)));
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
