namespace Rollout.Mesh.Simulation;

/// <summary>
/// An <see cref="ITimer"/> on virtual time. Each <see cref="Change"/> bumps a version carried by the
/// scheduled event, so a superseded or disposed timer's event is skipped when it comes up instead of
/// being searched for and removed from the queue. It fires on the lane that created it.
/// </summary>
internal sealed class SimulationTimer(SimulationEngine engine, TimerCallback callback, object? state)
    : ITimer, ISimulationEventHandler
{
    private readonly int _lane = engine.CurrentLane;
    private int _version;
    private long _periodTicks;
    private bool _disposed;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        if (_disposed)
            return false;
        _version++;
        _periodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
        if (dueTime != Timeout.InfiniteTimeSpan)
            engine.Schedule(engine.NowTicks + dueTime.Ticks, _lane, this, null, _version);
        return true;
    }

    public void Handle(in SimulationEvent simulationEvent)
    {
        if (_disposed || simulationEvent.A != _version)
            return;
        // Rescheduled before the callback runs, so a Change inside the callback supersedes it.
        if (_periodTicks > 0)
            engine.Schedule(simulationEvent.Time + _periodTicks, _lane, this, null, _version);
        callback(state);
    }

    public void Dispose()
    {
        _disposed = true;
        _version++;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Validate(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, value, "must be non-negative or Timeout.InfiniteTimeSpan");
    }
}
