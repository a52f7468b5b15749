using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Rollout.Mesh.Collections;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// A deterministic discrete-event loop on virtual time, which can run on several threads and still
/// give the same result bit for bit.
/// <para>
/// Every event belongs to a lane: a node's lane (its id) holds the events that touch that node's
/// state; <see cref="SharedLane"/> holds the rest (scenario steps, timers of code outside the nodes).
/// Events are structs in calendar queues ordered by (time, sequence). The sequence is the lane that
/// scheduled the event and that lane's running count, so it does not depend on how lanes are spread
/// over threads.
/// </para>
/// <para>
/// With a <see cref="Lookahead"/> L above zero (the network's shortest link latency), time advances in
/// windows: from the first pending node event at t, every node event ordered before t + min(L, 10 ms)
/// and before the next shared event runs. Within a window no lane can affect another, because an
/// event for another lane must be scheduled at least L ahead (enforced). So the lanes are split over
/// <see cref="Parallelism"/> partitions (in blocks of 64 lanes, the first 64 dealt one by one), each
/// with its own queue, that run a window at once on their own threads. Events for other partitions
/// wait in per-partition mailboxes until the next window starts. Shared events run alone, on the
/// calling thread, between windows, in their place in the (time, sequence) order.
/// </para>
/// <para>
/// For the same reason a partition runs a window's events lane by lane, each lane's in (time,
/// sequence) order with the events it schedules for itself inside the window in their place: a node's
/// state is fetched into the cache once for its handful of events in the window, not once per event.
/// </para>
/// <para>
/// Every partition count gives the same order of each lane's events, hence the same results, as long
/// as node events touch only their own node's state, read-only data, and sums kept per partition
/// (<see cref="PartitionLocal{T}"/>). The stop predicate and event cap are checked between windows.
/// With no lookahead (zero), the engine runs one event at a time, in (time, sequence) order, on the
/// calling thread.
/// </para>
/// Scheduling one event allocates nothing; call <see cref="Run"/> from one thread at a time.
/// </summary>
public sealed class SimulationEngine
{
    /// <summary>The lane of events that do not belong to one node.</summary>
    public const int SharedLane = -1;

    private const int CountBits = 40;
    private const long MaxCount = (1L << CountBits) - 1;
    private const int MaxLanes = (1 << 22) - 1;

    // Windows are at most this wide, even with a longer lookahead: the mail between partitions grows
    // with the events of a window (tens of MB per partition at 100,000 nodes for 10 ms).
    private const long MaxWindowTicks = 10 * TimeSpan.TicksPerMillisecond;

    [ThreadStatic]
    private static Partition? t_partition;

    private readonly TimeProvider _wallClock;
    private readonly SimulationSynchronizationContext _synchronizationContext;
    private readonly EventQueue _shared;
    private readonly int _initialQueueCapacity;
    private readonly List<IPartitionLocal> _partitionLocals = [];
    private Partition[] _partitions;
    private long[] _laneCounts = new long[1];
    private long _sharedProcessed;
    private ulong _sharedTrace;
    private long _wallTicks;
    private int _runningThread;
    private long _now;
    private int _parity;
    private bool _windowOpen;

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
        _initialQueueCapacity = initialQueueCapacity;
        _shared = new EventQueue(64);
        _partitions = [new Partition(this, 0, initialQueueCapacity)];
        _partitions[0].ResizeMail(1);
        Clock = new SimulationClock(this);
        _synchronizationContext = new SimulationSynchronizationContext(this);
    }

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>The virtual wall-clock time at tick 0.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Virtual time as a <see cref="TimeProvider"/>.</summary>
    public SimulationClock Clock { get; }

    /// <summary>Virtual ticks (100 ns) since the start: inside a node event, that event's time.</summary>
    public long NowTicks => t_partition is { Active: true } partition && partition.Engine == this ? partition.Now : _now;

    /// <summary>Virtual time since the start.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(NowTicks);

    /// <summary>The lane of the event running on this thread, or <see cref="SharedLane"/>.</summary>
    public int CurrentLane => t_partition is { Active: true } partition && partition.Engine == this ? partition.Lane : SharedLane;

    /// <summary>The partition running on this thread (0 outside a window): the index into per-partition state.</summary>
    public int CurrentPartition => t_partition is { Active: true } partition && partition.Engine == this ? partition.Index : 0;

    /// <summary>
    /// Partitions, and threads, node events are spread over; at least 1. Changed only while the engine
    /// is not running. Results do not depend on it.
    /// </summary>
    public int Parallelism
    {
        get => _partitions.Length;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64);
            if (_runningThread != 0)
                throw new InvalidOperationException("the parallelism cannot change while the simulation runs");
            if (value == _partitions.Length)
                return;
            var waiting = new List<SimulationEvent>();
            foreach (var partition in _partitions)
            {
                partition.TakeAllMail();
                while (partition.Queue.Count > 0)
                    waiting.Add(partition.Queue.Dequeue());
            }
            var old = _partitions;
            _partitions = new Partition[value];
            for (var i = 0; i < value; i++)
                _partitions[i] = i < old.Length ? old[i] : new Partition(this, i, _initialQueueCapacity / value);
            foreach (var partition in _partitions)
                partition.ResizeMail(value);
            foreach (var e in waiting)
                PartitionOf(e.Lane).Queue.Enqueue(e.Time, e.Sequence, e.Lane, e.Handler, e.Payload, e.A, e.B, e.C, e.D);
            foreach (var local in _partitionLocals)
                local.Resize(value);
        }
    }

    /// <summary>
    /// The least delay with which an event may be scheduled for another lane (or the shared lane):
    /// the window width. Read before each window; a network reports its shortest link latency here.
    /// </summary>
    public Func<long>? Lookahead { get; set; }

    /// <summary>Events waiting to run.</summary>
    public int QueueLength
    {
        get
        {
            var count = _shared.Count;
            foreach (var partition in _partitions)
                count += partition.Queue.Count + partition.Outgoing;
            return count;
        }
    }

    /// <summary>Events run since the engine was created.</summary>
    public long EventsProcessed
    {
        get
        {
            var count = _sharedProcessed;
            foreach (var partition in _partitions)
                count += partition.Processed;
            return count;
        }
    }

    /// <summary>The most events that were ever waiting at once, sampled between windows.</summary>
    public int PeakQueueLength { get; private set; }

    /// <summary>Wall time spent inside <see cref="Run"/>.</summary>
    public TimeSpan WallTime => TimeSpan.FromTicks(_wallTicks);

    /// <summary>Events per second of wall time, over all runs.</summary>
    public double EventsPerSecond => _wallTicks == 0 ? 0 : EventsProcessed / WallTime.TotalSeconds;

    /// <summary>
    /// A hash of every event run (time, sequence, lane and integer arguments), summed so that it does
    /// not depend on the partitions: two runs with the same seed and schedule have the same hash; any
    /// change of an event's timing, origin or arguments changes it.
    /// </summary>
    public ulong TraceHash
    {
        get
        {
            var hash = _sharedTrace;
            foreach (var partition in _partitions)
                hash += partition.Trace;
            return hash;
        }
    }

    /// <summary>Nodes online, reported in progress; a network sets it.</summary>
    public Func<int>? PeersOnline { get; set; }

    internal bool IsRunning => _runningThread != 0;

    internal bool IsRunningOnThisThread =>
        _runningThread == Environment.CurrentManagedThreadId || (t_partition is { Active: true } partition && partition.Engine == this);

    /// <summary>A random stream for one purpose, derived from the run seed.</summary>
    public Xoshiro256StarStar CreateRandom(string purpose) => Xoshiro256StarStar.ForPurpose(Seed, purpose);

    /// <summary>Makes room for lanes 0 to <paramref name="count"/> − 1; call it before a run that schedules events for them.</summary>
    public void ReserveLanes(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxLanes);
        if (count + 1 <= _laneCounts.Length)
            return;
        if (_windowOpen || (IsRunning && !IsRunningOnThisThread))
            throw new InvalidOperationException("lanes can be reserved only between windows, from the simulation's thread (before a run or in a shared event)");
        Array.Resize(ref _laneCounts, Math.Max(count + 1, _laneCounts.Length * 2));
    }

    /// <summary>State kept once per partition, so node events on different threads never share it; <see cref="PartitionLocal{T}.All"/> sums it up.</summary>
    public PartitionLocal<T> CreatePartitionLocal<T>(Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        var local = new PartitionLocal<T>(this, create);
        _partitionLocals.Add(local);
        return local;
    }

    /// <summary>Schedules a shared event at an absolute virtual time in ticks; not earlier than now.</summary>
    public void Schedule(long atTicks, ISimulationEventHandler handler, object? payload = null, int a = 0, int b = 0, int c = 0, int d = 0) =>
        Schedule(atTicks, SharedLane, handler, payload, a, b, c, d);

    /// <summary>
    /// Schedules an event on <paramref name="lane"/> at an absolute virtual time in ticks: not earlier
    /// than now, and, from an event of another lane, not sooner than the <see cref="Lookahead"/>.
    /// </summary>
    public void Schedule(long atTicks, int lane, ISimulationEventHandler handler, object? payload = null, int a = 0, int b = 0, int c = 0, int d = 0)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(lane, SharedLane);
        var current = t_partition is { Active: true } running && running.Engine == this ? running : null;
        if (current is null || !current.InWindow)
        {
            ScheduleBetweenWindows(current, atTicks, lane, handler, payload, a, b, c, d);
            return;
        }
        // Inside a window, once per event a node sends: the messages of the rare failures are built
        // in helpers, so this frame holds no string builder to zero on every call.
        var now = current.Now;
        if (atTicks < now)
            ThrowBeforeNow(atTicks, now);
        if (lane + 1 >= _laneCounts.Length)
            ThrowNotReserved(lane);
        var sequence = NextSequence(current.Lane + 1);
        if (lane != current.Lane && atTicks < now + current.Lookahead)
            ThrowSoonerThanLookahead(current, lane, atTicks - now);
        var target = lane < 0 ? _partitions.Length : PartitionIndexOf(lane);
        if (lane == current.Lane)
            current.ScheduleOwn(atTicks, sequence, lane, handler, payload, a, b, c, d);
        else if (target == current.Index)
            current.Queue.Enqueue(atTicks, sequence, lane, handler, payload, a, b, c, d);
        else
            current.Post(_parity, target, atTicks, sequence, lane, handler, payload, a, b, c, d);
    }

    /// <summary>Schedules from outside a window, where only this thread runs and any queue may take the event.</summary>
    private void ScheduleBetweenWindows(Partition? current, long atTicks, int lane, ISimulationEventHandler handler, object? payload, int a, int b, int c, int d)
    {
        var now = current?.Now ?? _now;
        if (atTicks < now)
            ThrowBeforeNow(atTicks, now);
        if (lane + 1 >= _laneCounts.Length)
            ReserveLanes(lane + 1);
        var sequence = NextSequence((current?.Lane ?? SharedLane) + 1);
        Queue(lane).Enqueue(atTicks, sequence, lane, handler, payload, a, b, c, d);
        PeakQueueLength = Math.Max(PeakQueueLength, QueueLength);
    }

    /// <summary>The next sequence of events scheduled by lane <paramref name="origin"/> - 1: that lane and its running count.</summary>
    private long NextSequence(int origin)
    {
        var count = _laneCounts[origin]++;
        if (count > MaxCount)
            ThrowTooMany(origin - 1);
        return ((long)origin << CountBits) | count;
    }

    [DoesNotReturn]
    private static void ThrowBeforeNow(long atTicks, long now) =>
        throw new ArgumentOutOfRangeException(nameof(atTicks), atTicks, $"is before the current virtual time {now}");

    [DoesNotReturn]
    private static void ThrowNotReserved(int lane) =>
        throw new InvalidOperationException($"lane {lane} was not reserved before the run (SimulationEngine.ReserveLanes)");

    [DoesNotReturn]
    private static void ThrowTooMany(int lane) =>
        throw new InvalidOperationException($"lane {lane} scheduled more than {MaxCount} events");

    [DoesNotReturn]
    private static void ThrowSoonerThanLookahead(Partition current, int lane, long ahead) =>
        throw new InvalidOperationException(
            $"an event of lane {current.Lane} scheduled one for {(lane < 0 ? "the shared lane" : $"lane {lane}")} {ahead} ticks ahead, sooner than the lookahead of {current.Lookahead} ticks");

    /// <summary>Runs <paramref name="action"/> at virtual time <paramref name="at"/> since the start, on the shared lane.</summary>
    public void Schedule(TimeSpan at, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Schedule(at.Ticks, ActionEventHandler.Instance, action);
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> of virtual time, on the shared lane.</summary>
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

    /// <summary>Runs events until a limit stops it.</summary>
    public SimulationRunResult Run(SimulationRunLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (_runningThread != 0)
            throw new InvalidOperationException("the simulation is already running: Run cannot be called from inside an event");
        var untilTicks = limits.Until is { } until ? until.Ticks : long.MaxValue;
        if (untilTicks < _now)
            throw new ArgumentOutOfRangeException(nameof(limits), limits.Until, "the time limit is before the current virtual time");
        var startedAt = _wallClock.GetTimestamp();
        var wallBefore = _wallTicks;
        var processedBefore = EventsProcessed;
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        _runningThread = Environment.CurrentManagedThreadId;
        using var workers = _partitions.Length > 1 ? new Workers(this) : null;
        SimulationStopReason reason;
        try
        {
            reason = Loop(limits, untilTicks, processedBefore, startedAt, wallBefore, workers);
        }
        finally
        {
            _runningThread = 0;
            SynchronizationContext.SetSynchronizationContext(previousContext);
            _wallTicks = wallBefore + _wallClock.GetElapsedTime(startedAt).Ticks;
        }
        limits.Progress?.Invoke(Snapshot());
        return new SimulationRunResult(reason, EventsProcessed - processedBefore, Elapsed, TimeSpan.FromTicks(_wallTicks - wallBefore));
    }

    /// <summary>The current progress snapshot.</summary>
    public SimulationProgress Snapshot() =>
        new(EventsProcessed, Elapsed, WallTime, PeersOnline?.Invoke() ?? 0, QueueLength);

    private SimulationStopReason Loop(SimulationRunLimits limits, long untilTicks, long processedBefore, long startedAt, long wallBefore, Workers? workers)
    {
        var progressEvery = Math.Max(1, limits.ProgressEveryEvents);
        var nextProgress = processedBefore + progressEvery;
        while (true)
        {
            if (limits.StopWhen is { } stopWhen && stopWhen())
                return SimulationStopReason.PredicateMet;
            var processed = EventsProcessed;
            if (processed - processedBefore >= limits.MaxEvents)
                return SimulationStopReason.EventCap;
            if (processed >= nextProgress)
            {
                nextProgress = processed + progressEvery;
                if (limits.Progress is { } progress)
                {
                    _wallTicks = wallBefore + _wallClock.GetElapsedTime(startedAt).Ticks;
                    progress(Snapshot());
                }
            }
            var nodeKey = FirstNodeKey();
            var sharedKey = _shared.Count > 0 ? _shared.Peek() : None;
            var next = Math.Min(nodeKey.Time, sharedKey.Time);
            if (next == long.MaxValue || next > untilTicks)
            {
                if (untilTicks == long.MaxValue)
                    return SimulationStopReason.Idle;
                _now = untilTicks;
                return SimulationStopReason.TimeReached;
            }
            if (sharedKey.Precedes(nodeKey))
            {
                RunShared();
                continue;
            }
            var lookahead = Lookahead?.Invoke() ?? 0;
            if (lookahead <= 0)
            {
                // No lookahead: one event at a time, in global order.
                var first = FirstNodeEvent();
                first.RunOne();
                _now = first.Now;
                continue;
            }
            // The window: node events before the lookahead, the time limit and the next shared event, in (time, sequence) order.
            var width = Math.Min(lookahead, MaxWindowTicks);
            var windowEnd = new EventKey(nodeKey.Time > long.MaxValue - width ? long.MaxValue : nodeKey.Time + width, long.MinValue, 0);
            if (untilTicks < windowEnd.Time)
                windowEnd = new EventKey(untilTicks + 1, long.MinValue, 0);
            if (sharedKey.Precedes(windowEnd))
                windowEnd = sharedKey;
            // Mail of the last window is taken at the start of this one, while this one's goes to the other box.
            _parity ^= 1;
            _windowOpen = true;
            if (workers is null)
                _partitions[0].RunWindow(windowEnd, lookahead, _parity);
            else
                workers.RunWindow(windowEnd, lookahead, _parity);
            _windowOpen = false;
            var last = long.MinValue;
            foreach (var partition in _partitions)
            {
                if (partition.Failure is { } failure)
                {
                    partition.Failure = null;
                    failure.Throw();
                }
                partition.DeliverShared(_parity, _shared);
                last = Math.Max(last, partition.Now);
            }
            _now = Math.Max(_now, last);
            PeakQueueLength = Math.Max(PeakQueueLength, QueueLength);
        }
    }

    /// <summary>Key of the first node event, queued or in the mail of the last window; <see cref="None"/> when none waits.</summary>
    private EventKey FirstNodeKey()
    {
        var first = None;
        foreach (var partition in _partitions)
        {
            if (partition.Queue.Count > 0 && partition.Queue.Peek() is var queued && queued.Precedes(first))
                first = queued;
            if (partition.FirstMail(_parity) is var mailed && mailed.Precedes(first))
                first = mailed;
        }
        return first;
    }

    /// <summary>The partition whose first event comes first, every mail taken in; one waits.</summary>
    private Partition FirstNodeEvent()
    {
        Partition? first = null;
        var firstKey = default(EventKey);
        foreach (var partition in _partitions)
            partition.TakeAllMail();
        foreach (var partition in _partitions)
        {
            if (partition.Queue.Count == 0)
                continue;
            var key = partition.Queue.Peek();
            if (first is null || key.Precedes(firstKey))
            {
                first = partition;
                firstKey = key;
            }
        }
        return first!;
    }

    private void RunShared()
    {
        var next = _shared.Dequeue();
        _now = next.Time;
        _sharedTrace += EventHash(next);
        _sharedProcessed++;
        next.Handler.Handle(in next);
    }

    /// <summary>A key after every event's.</summary>
    private static EventKey None => new(long.MaxValue, long.MaxValue, 0);

    private EventQueue Queue(int lane) => lane < 0 ? _shared : PartitionOf(lane).Queue;

    private Partition PartitionOf(int lane) => _partitions[PartitionIndexOf(lane)];

    // Blocks of 64 lanes, so per-node arrays written by node events (a long per node: 512 bytes) rarely
    // share a cache line across partitions; but the first 64 lanes, where populations put their few
    // busy nodes (bootstraps, relays), are dealt out one by one, so no partition gets all of them.
    private int PartitionIndexOf(int lane) => (lane < 64 ? lane : lane >> 6) % _partitions.Length;

    private static ulong EventHash(in SimulationEvent e)
    {
        var hash = Mix(0x6a09e667f3bcc909UL, (ulong)e.Time);
        hash = Mix(hash, (ulong)e.Sequence ^ ((ulong)(uint)e.Lane << 42));
        hash = Mix(hash, ((ulong)(uint)e.A << 32) | (uint)e.B);
        return Mix(hash, ((ulong)(uint)e.C << 32) | (uint)e.D);
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value;
        hash *= 0x9e3779b97f4a7c15UL;
        return hash ^ (hash >> 29);
    }

    private readonly record struct PendingEvent(long Time, long Sequence, int Lane, ISimulationEventHandler Handler, object? Payload, int A, int B, int C, int D);

    /// <summary>One partition's queue, clock and mail. Touched by one thread during a window, by the engine's between windows.</summary>
    private sealed class Partition(SimulationEngine engine, int index, int capacity)
    {
        // Mail to each partition (the last slot: the shared lane), in two boxes by window parity: a window
        // writes one while the receivers take the other's, written in the window before.
        private List<PendingEvent>[][] _mail = [[], []];
        private EventKey[][] _mailFirst = [[], []];

        public SimulationEngine Engine { get; } = engine;

        public int Index { get; } = index;

        public EventQueue Queue { get; } = new(Math.Max(capacity, 16));

        // An order entry: the lane in the top 22 bits, the time since the window's first event, the index in _window.
        private const int TimeBits = 17;
        private const int IndexBits = 25;
        private const long IndexMask = (1L << IndexBits) - 1;
        // How far ahead RunByLane prefetches an event, and its payload.
        private const int EventAhead = 8;
        private const int PayloadAhead = 4;

        // The window being run: its events as the queue gave them, and the entries that order them by (lane, time, sequence).
        private SimulationEvent[] _window = new SimulationEvent[1024];
        private ulong[] _order = new ulong[1024];
        private ulong[] _orderScratch = new ulong[1024];
        private int _windowCount;
        private readonly EventQueue _ownLane = new(16);

        /// <summary>The key every event of the window being run precedes.</summary>
        public EventKey WindowEnd;

        public long Now;

        public int Lane = SharedLane;

        public bool Active;

        public bool InWindow;

        public long Lookahead;

        public long Processed;

        public ulong Trace;

        public ExceptionDispatchInfo? Failure;

        /// <summary>Events in this partition's mailboxes.</summary>
        public int Outgoing
        {
            get
            {
                var count = 0;
                foreach (var boxes in _mail)
                {
                    foreach (var box in boxes)
                        count += box.Count;
                }
                return count;
            }
        }

        /// <summary>Gives this partition a mailbox for each of <paramref name="partitions"/> and the shared lane; the mail must be empty.</summary>
        public void ResizeMail(int partitions)
        {
            for (var parity = 0; parity < 2; parity++)
            {
                _mail[parity] = new List<PendingEvent>[partitions + 1];
                _mailFirst[parity] = new EventKey[partitions + 1];
                for (var i = 0; i <= partitions; i++)
                {
                    _mail[parity][i] = [];
                    _mailFirst[parity][i] = None;
                }
            }
        }

        public void Post(int parity, int target, long time, long sequence, int lane, ISimulationEventHandler handler, object? payload, int a, int b, int c, int d)
        {
            _mail[parity][target].Add(new PendingEvent(time, sequence, lane, handler, payload, a, b, c, d));
            var key = new EventKey(time, sequence, 0);
            if (key.Precedes(_mailFirst[parity][target]))
                _mailFirst[parity][target] = key;
        }

        /// <summary>Key of the first event mailed to this partition in box <paramref name="parity"/>.</summary>
        public EventKey FirstMail(int parity)
        {
            var first = None;
            foreach (var sender in Engine._partitions)
            {
                if (sender._mailFirst[parity][Index].Precedes(first))
                    first = sender._mailFirst[parity][Index];
            }
            return first;
        }

        /// <summary>Takes the events other partitions mailed here in box <paramref name="parity"/>.</summary>
        public void TakeMail(int parity)
        {
            foreach (var sender in Engine._partitions)
            {
                var box = sender._mail[parity][Index];
                foreach (var e in box)
                    Queue.Enqueue(e.Time, e.Sequence, e.Lane, e.Handler, e.Payload, e.A, e.B, e.C, e.D);
                box.Clear();
                sender._mailFirst[parity][Index] = None;
            }
        }

        public void TakeAllMail()
        {
            TakeMail(0);
            TakeMail(1);
        }

        /// <summary>Hands the shared events this partition scheduled in box <paramref name="parity"/> to the shared queue.</summary>
        public void DeliverShared(int parity, EventQueue shared)
        {
            var box = _mail[parity][^1];
            foreach (var e in box)
                shared.Enqueue(e.Time, e.Sequence, e.Lane, e.Handler, e.Payload, e.A, e.B, e.C, e.D);
            box.Clear();
            _mailFirst[parity][^1] = None;
        }

        /// <summary>Runs this partition's events ordered before <paramref name="windowEnd"/>; a failure is kept for the engine to rethrow.</summary>
        public void RunWindow(in EventKey windowEnd, long lookahead, int parity)
        {
            var previous = t_partition;
            t_partition = this;
            Active = true;
            InWindow = true;
            Lookahead = lookahead;
            try
            {
                TakeMail(parity ^ 1);
                WindowEnd = windowEnd;
                RunByLane(TakeWindow(windowEnd));
            }
            catch (Exception exception)
            {
                Failure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                // Drops the messages' references, so a delivered one can be collected.
                Array.Clear(_window, 0, _windowCount);
                _windowCount = 0;
                Active = false;
                InWindow = false;
                Lane = SharedLane;
                t_partition = previous;
            }
        }

        /// <summary>
        /// Moves the window's events out of the queue and orders them by (lane, time, sequence) through
        /// one sort of 64-bit entries: the lane (22 bits), the time since the window's first event (17
        /// bits: a window spans at most 10 ms), and the event's index (25 bits). Events of one lane at
        /// the same tick, rare, are then put in sequence order.
        /// </summary>
        private int TakeWindow(in EventKey windowEnd)
        {
            Queue.TakeBefore(windowEnd, ref _window, ref _windowCount);
            var count = _windowCount;
            if (count > IndexMask + 1)
                throw new InvalidOperationException($"{count} events in one window of one partition; at most {IndexMask + 1} fit");
            if (_order.Length < count)
            {
                _order = new ulong[_window.Length];
                _orderScratch = new ulong[_window.Length];
            }
            long first = long.MaxValue, last = long.MinValue;
            for (var i = 0; i < count; i++)
            {
                first = Math.Min(first, _window[i].Time);
                last = Math.Max(last, _window[i].Time);
            }
            if (count > 0 && last - first >= 1L << TimeBits)
                throw new InvalidOperationException($"a window spans {last - first} ticks; at most {(1L << TimeBits) - 1} fit");
            for (var i = 0; i < count; i++)
                _order[i] = ((ulong)(uint)_window[i].Lane << (TimeBits + IndexBits)) | ((ulong)(_window[i].Time - first) << IndexBits) | (uint)i;
            var order = _order.AsSpan(0, count);
            RadixSort.Sort(order, _orderScratch, IndexBits);
            for (var k = 1; k < count; k++)
            {
                for (var j = k; j > 0 && order[j] >> IndexBits == order[j - 1] >> IndexBits
                    && _window[IndexOf(order[j])].Sequence < _window[IndexOf(order[j - 1])].Sequence; j--)
                    (order[j], order[j - 1]) = (order[j - 1], order[j]);
            }
            return count;
        }

        /// <summary>
        /// Runs a window's events lane by lane: no lane can affect another within a window, so this is
        /// the same as (time, sequence) order for every lane, and a node's state stays in cache across
        /// its events instead of being fetched again for each. Events a lane schedules for itself
        /// within the window wait in <see cref="_ownLane"/> and run in their place among its events.
        /// </summary>
        private void RunByLane(int count)
        {
            var last = Now;
            for (var k = 0; k < count; k++)
            {
                Prefetch(k, count);
                ref var next = ref _window[IndexOf(_order[k])];
                while (_ownLane.Count > 0 && _ownLane.Peek().Precedes(new EventKey(next.Time, next.Sequence, 0)))
                    last = Math.Max(last, Run(_ownLane.Dequeue()));
                last = Math.Max(last, Run(next));
                if (k + 1 == count || LaneOf(_order[k + 1]) != LaneOf(_order[k]))
                {
                    while (_ownLane.Count > 0)
                        last = Math.Max(last, Run(_ownLane.Dequeue()));
                }
            }
            Now = last;
        }

        /// <summary>
        /// Starts fetching what the events ahead of <paramref name="k"/> will read first: the event
        /// <see cref="EventAhead"/> places ahead, and the payload of the one <see cref="PayloadAhead"/>
        /// ahead (whose event came in earlier). An event's handler runs too long for the processor to
        /// reach the next event's loads by itself.
        /// </summary>
        private void Prefetch(int k, int count)
        {
            if (k + EventAhead < count)
                CachePrefetch.At(ref _window[IndexOf(_order[k + EventAhead])]);
            if (k + PayloadAhead < count)
                CachePrefetch.Object(_window[IndexOf(_order[k + PayloadAhead])].Payload);
        }

        /// <summary>The index in <see cref="_window"/> of an order entry's event.</summary>
        private static int IndexOf(ulong entry) => (int)(entry & IndexMask);

        /// <summary>The lane of an order entry's event.</summary>
        private static ulong LaneOf(ulong entry) => entry >> (TimeBits + IndexBits);

        /// <summary>Queues an event the running lane scheduled for itself: within the window it runs before the lane's next one, past it the queue takes it.</summary>
        public void ScheduleOwn(long time, long sequence, int lane, ISimulationEventHandler handler, object? payload, int a, int b, int c, int d)
        {
            if (InWindow && new EventKey(time, sequence, 0).Precedes(WindowEnd))
                _ownLane.Enqueue(time, sequence, lane, handler, payload, a, b, c, d);
            else
                Queue.Enqueue(time, sequence, lane, handler, payload, a, b, c, d);
        }

        /// <summary>Runs the first event alone (no lookahead), on the engine's thread.</summary>
        public void RunOne()
        {
            var previous = t_partition;
            t_partition = this;
            Active = true;
            try
            {
                RunNext();
            }
            finally
            {
                Active = false;
                Lane = SharedLane;
                t_partition = previous;
            }
        }

        private void RunNext() => Run(Queue.Dequeue());

        private long Run(in SimulationEvent next)
        {
            Now = next.Time;
            Lane = next.Lane;
            Trace += EventHash(next);
            Processed++;
            next.Handler.Handle(in next);
            return next.Time;
        }
    }

    /// <summary>One thread per partition beyond the first, for the length of a run; the caller's thread runs partition 0.</summary>
    private sealed class Workers : IDisposable
    {
        private readonly SimulationEngine _engine;
        private readonly Barrier _barrier;
        private readonly Thread[] _threads;
        private EventKey _windowEnd;
        private long _lookahead;
        private int _parity;
        private bool _stopping;

        public Workers(SimulationEngine engine)
        {
            _engine = engine;
            var count = engine._partitions.Length;
            _barrier = new Barrier(count);
            _threads = new Thread[count - 1];
            for (var i = 0; i < _threads.Length; i++)
            {
                var partition = engine._partitions[i + 1];
                _threads[i] = new Thread(() => Work(partition)) { IsBackground = true, Name = $"simulation partition {partition.Index}" };
                _threads[i].Start();
            }
        }

        public void RunWindow(in EventKey windowEnd, long lookahead, int parity)
        {
            _windowEnd = windowEnd;
            _lookahead = lookahead;
            _parity = parity;
            _barrier.SignalAndWait();
            _engine._partitions[0].RunWindow(windowEnd, lookahead, parity);
            _barrier.SignalAndWait();
        }

        public void Dispose()
        {
            _stopping = true;
            _barrier.SignalAndWait();
            foreach (var thread in _threads)
                thread.Join();
            _barrier.Dispose();
        }

        private void Work(Partition partition)
        {
            while (true)
            {
                _barrier.SignalAndWait();
                if (_stopping)
                    return;
                partition.RunWindow(_windowEnd, _lookahead, _parity);
                _barrier.SignalAndWait();
            }
        }
    }
}
