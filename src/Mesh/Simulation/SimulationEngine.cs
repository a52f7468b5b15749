namespace Rollout.Mesh.Simulation;

/// <summary>
/// A deterministic discrete-event loop on virtual time. Events are structs in a calendar queue ordered
/// by (time, insertion sequence), so the same seed and the same schedule give the same order bit for
/// bit, and scheduling one allocates nothing. Single-threaded: schedule and run from one thread; the
/// engine owns its clock and queue. Independent engines may run on different threads at once.
/// </summary>
public sealed class SimulationEngine
{
    private readonly EventQueue _queue;
    private readonly TimeProvider _wallClock;
    private readonly SimulationSynchronizationContext _synchronizationContext;
    private long _nextSequence;
    private long _wallTicks;
    private ulong _traceHash = 0x6a09e667f3bcc909UL;
    private int _runningThread;

    /// <summary>Creates an engine whose clock starts at <paramref name="start"/> (default 2024-09-04 16:00 UTC).</summary>
    /// <param name="seed">The run seed every random stream derives from.</param>
    /// <param name="start">The virtual wall-clock time at tick 0.</param>
    /// <param name="wallClock">Measures real elapsed time for statistics only; never drives the simulation.</param>
    /// <param name="initialQueueCapacity">Events the queue holds before it first grows.</param>
    public SimulationEngine(ulong seed, DateTimeOffset? start = null, TimeProvider? wallClock = null, int initialQueueCapacity = 1024)
    {
        Seed = seed;
        Start = start ?? new DateTimeOffset(2024, 9, 4, 16, 0, 0, TimeSpan.Zero);
        _wallClock = wallClock ?? TimeProvider.System;
        _queue = new EventQueue(initialQueueCapacity);
        Clock = new SimulationClock(this);
        _synchronizationContext = new SimulationSynchronizationContext(this);
    }

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>The virtual wall-clock time at tick 0.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Virtual time as a <see cref="TimeProvider"/>.</summary>
    public SimulationClock Clock { get; }

    /// <summary>Virtual ticks (100 ns) since the start.</summary>
    public long NowTicks { get; private set; }

    /// <summary>Virtual time since the start.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(NowTicks);

    /// <summary>Events waiting to run.</summary>
    public int QueueLength => _queue.Count;

    /// <summary>Events run since the engine was created.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>The most events that were ever waiting at once.</summary>
    public int PeakQueueLength { get; private set; }

    /// <summary>Wall time spent inside <see cref="Run"/>.</summary>
    public TimeSpan WallTime => TimeSpan.FromTicks(_wallTicks);

    /// <summary>Events per second of wall time, over all runs.</summary>
    public double EventsPerSecond => _wallTicks == 0 ? 0 : EventsProcessed / WallTime.TotalSeconds;

    /// <summary>
    /// A running hash of every event run (time, sequence and integer arguments): two runs with the same
    /// seed and schedule have the same hash; any change of order or timing changes it.
    /// </summary>
    public ulong TraceHash => _traceHash;

    /// <summary>Nodes online, reported in progress; a network sets it.</summary>
    public Func<int>? PeersOnline { get; set; }

    /// <summary>Slots in the queue's array, for memory accounting.</summary>
    internal int QueueCapacity => _queue.Capacity;

    internal bool IsRunning => _runningThread != 0;

    internal bool IsRunningOnThisThread => _runningThread == Environment.CurrentManagedThreadId;

    /// <summary>A random stream for one purpose, derived from the run seed.</summary>
    public Xoshiro256StarStar CreateRandom(string purpose) => Xoshiro256StarStar.ForPurpose(Seed, purpose);

    /// <summary>Schedules an event at an absolute virtual time in ticks; not earlier than now.</summary>
    public void Schedule(long atTicks, ISimulationEventHandler handler, object? payload = null, int a = 0, int b = 0, int c = 0, int d = 0)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (atTicks < NowTicks)
            throw new ArgumentOutOfRangeException(nameof(atTicks), atTicks, $"is before the current virtual time {NowTicks}");
        _queue.Enqueue(atTicks, _nextSequence++, handler, payload, a, b, c, d);
        if (_queue.Count > PeakQueueLength)
            PeakQueueLength = _queue.Count;
    }

    /// <summary>Runs <paramref name="action"/> at virtual time <paramref name="at"/> since the start.</summary>
    public void Schedule(TimeSpan at, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Schedule(at.Ticks, ActionEventHandler.Instance, action);
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> of virtual time.</summary>
    public void ScheduleAfter(TimeSpan delay, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Schedule(NowTicks + delay.Ticks, action);
    }

    internal void Schedule(long atTicks, Action action) => Schedule(atTicks, ActionEventHandler.Instance, action);

    /// <summary>Runs until nothing is left or <paramref name="maxEvents"/> events have run.</summary>
    public SimulationRunResult RunUntilIdle(long maxEvents = long.MaxValue) =>
        Run(new SimulationRunLimits { MaxEvents = maxEvents });

    /// <summary>Runs <paramref name="duration"/> of virtual time from now.</summary>
    public SimulationRunResult RunFor(TimeSpan duration, long maxEvents = long.MaxValue) =>
        Run(new SimulationRunLimits { Until = Elapsed + duration, MaxEvents = maxEvents });

    /// <summary>Runs until <paramref name="stopWhen"/> is true, nothing is left, or the cap is hit.</summary>
    public SimulationRunResult RunUntil(Func<bool> stopWhen, long maxEvents = long.MaxValue) =>
        Run(new SimulationRunLimits { StopWhen = stopWhen, MaxEvents = maxEvents });

    /// <summary>Runs events in (time, sequence) order until a limit stops it.</summary>
    public SimulationRunResult Run(SimulationRunLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (_runningThread != 0)
            throw new InvalidOperationException("the simulation is already running: Run cannot be called from inside an event");
        var untilTicks = limits.Until is { } until ? until.Ticks : long.MaxValue;
        if (untilTicks < NowTicks)
            throw new ArgumentOutOfRangeException(nameof(limits), limits.Until, "the time limit is before the current virtual time");
        var progressEvery = Math.Max(1, limits.ProgressEveryEvents);
        var startedAt = _wallClock.GetTimestamp();
        var wallBefore = _wallTicks;
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        _runningThread = Environment.CurrentManagedThreadId;
        var stopWhen = limits.StopWhen;
        var maxEvents = limits.MaxEvents;
        long processed = 0;
        var untilProgress = progressEvery;
        SimulationStopReason reason;
        try
        {
            while (true)
            {
                if (stopWhen is not null && stopWhen())
                {
                    reason = SimulationStopReason.PredicateMet;
                    break;
                }
                if (processed >= maxEvents)
                {
                    reason = SimulationStopReason.EventCap;
                    break;
                }
                if (_queue.Count == 0 || _queue.PeekTime() > untilTicks)
                {
                    if (untilTicks == long.MaxValue)
                    {
                        reason = SimulationStopReason.Idle;
                    }
                    else
                    {
                        NowTicks = untilTicks;
                        reason = SimulationStopReason.TimeReached;
                    }
                    break;
                }
                var next = _queue.Dequeue();
                NowTicks = next.Time;
                _traceHash = Mix(Mix(Mix(_traceHash, (ulong)next.Time ^ ((ulong)next.Sequence << 40)),
                    ((ulong)(uint)next.A << 32) | (uint)next.B), ((ulong)(uint)next.C << 32) | (uint)next.D);
                EventsProcessed++;
                processed++;
                next.Handler.Handle(in next);
                if (--untilProgress == 0)
                {
                    untilProgress = progressEvery;
                    if (limits.Progress is { } progress)
                    {
                        _wallTicks = wallBefore + _wallClock.GetElapsedTime(startedAt).Ticks;
                        progress(Snapshot());
                    }
                }
            }
        }
        finally
        {
            _runningThread = 0;
            SynchronizationContext.SetSynchronizationContext(previousContext);
            _wallTicks = wallBefore + _wallClock.GetElapsedTime(startedAt).Ticks;
        }
        limits.Progress?.Invoke(Snapshot());
        return new SimulationRunResult(reason, processed, Elapsed, TimeSpan.FromTicks(_wallTicks - wallBefore));
    }

    /// <summary>The current progress snapshot.</summary>
    public SimulationProgress Snapshot() =>
        new(EventsProcessed, Elapsed, WallTime, PeersOnline?.Invoke() ?? 0, _queue.Count);

    private static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value;
        hash *= 0x9e3779b97f4a7c15UL;
        return hash ^ (hash >> 29);
    }
}
