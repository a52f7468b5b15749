namespace Rollout.Mesh.Simulation;

/// <summary>
/// The engine's virtual time as a <see cref="TimeProvider"/>, so code written against
/// <see cref="TimeProvider"/> (timers, <c>Task.Delay(delay, timeProvider)</c>, timestamps) runs on
/// simulated time unchanged. Time moves only when the engine runs an event; timers become engine events.
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    private readonly SimulationEngine _engine;

    internal SimulationClock(SimulationEngine engine) => _engine = engine;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _engine.Start.AddTicks(_engine.NowTicks);

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override long GetTimestamp() => _engine.NowTicks;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SimulationTimer(_engine, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }
}
