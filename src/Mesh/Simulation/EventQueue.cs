namespace Rollout.Mesh.Simulation;

/// <summary>
/// The engine's priority queue, ordered by (time, sequence): a calendar of buckets, each sorted at most once.
/// <list type="bullet">
/// <item>An event due within the next <see cref="BucketCount"/> buckets (one spans <see cref="BucketTicks"/>)
/// is appended to its bucket: a key array and a body array side by side, in O(1).</item>
/// <item>When a bucket's turn comes its keys are sorted in place, once, and run in that order; each
/// key holds its body's index in the bucket's own body array, a megabyte or so at a million events
/// in flight and so in cache, where one slot array for every event waiting cost a miss per event.
/// <see cref="TakeBefore"/> (an engine window, which orders its events itself) takes the buckets
/// wholly before its end unsorted.</item>
/// <item>An event scheduled into the bucket being run (a zero-delay timer, an event between runs)
/// joins a small heap that is merged with the sorted keys.</item>
/// <item>Events beyond the horizon (long timers) wait in the far heap, their bodies in a slot array,
/// and move into buckets as the horizon passes them.</item>
/// </list>
/// The current bucket's events precede every bucketed one, which precede every far one, so the order
/// is the exact (time, sequence) order of a single heap. Bucket arrays come from pools and go back
/// when their bucket is drained, so memory follows the events waiting. A body's references are
/// cleared as it runs, so a delivered message can be collected. Nothing is allocated once the arrays have grown.
/// </summary>
internal sealed class EventQueue
{
    /// <summary>Width of a bucket: 1 ms of virtual time.</summary>
    public const long BucketTicks = TimeSpan.TicksPerMillisecond;

    /// <summary>Buckets in the calendar: a horizon of about 4 s, beyond a gossip heartbeat.</summary>
    public const int BucketCount = 4096;

    private const int BucketMask = BucketCount - 1;

    private readonly Bucket[] _buckets = new Bucket[BucketCount];
    private readonly BucketArrayPool<EventKey> _keyArrays = new();
    private readonly BucketArrayPool<Body> _bodyArrays = new();
    private readonly EventKeyHeap _late;
    private readonly EventKeyHeap _far = new(64);
    // The bucket being run: its keys before _sorted are in order and run up to _next; later arrivals are in _late.
    private Bucket _current = Bucket.Empty;
    private int _sorted;
    private int _next;
    private Body[] _farBodies = new Body[16];
    private int _farFree = -1;
    private int _farUsed;
    private int _inBuckets;
    private long _currentStart;

    /// <summary>Creates a queue whose heap of events for the current bucket holds <paramref name="initialCapacity"/> before it grows (a start at time zero lands there).</summary>
    public EventQueue(int initialCapacity = 1024)
    {
        _late = new EventKeyHeap(initialCapacity);
        Array.Fill(_buckets, Bucket.Empty);
    }

    /// <summary>Events waiting.</summary>
    public int Count { get; private set; }

    /// <summary>The first event's time.</summary>
    public long PeekTime() => First().Time;

    /// <summary>The first event's key.</summary>
    public EventKey Peek() => First();

    /// <summary>Adds an event; it must not be earlier than the last one dequeued.</summary>
    public void Enqueue(long time, long sequence, int lane, ISimulationEventHandler handler, object? payload, int a, int b, int c, int d)
    {
        Route(time, sequence, new Body(handler, payload, lane, a, b, c, d));
        Count++;
    }

    /// <summary>Removes and returns the first event.</summary>
    public SimulationEvent Dequeue()
    {
        var key = FirstIsSorted() ? _current.Keys[_next++] : _late.Pop();
        return Remove(key);
    }

    /// <summary>
    /// Moves every event that precedes <paramref name="end"/> to <paramref name="into"/> from
    /// <paramref name="count"/> on, growing it as needed, in no particular order: a bucket that lies
    /// wholly before <paramref name="end"/> is taken as it is, unsorted; only the bucket it falls in is sorted.
    /// </summary>
    public void TakeBefore(in EventKey end, ref SimulationEvent[] into, ref int count)
    {
        while (Count > 0)
        {
            while (_next < _sorted && _current.Keys[_next].Precedes(end))
                Take(_current.Keys[_next++], ref into, ref count);
            while (_late.Count > 0 && _late.Min.Precedes(end))
                Take(_late.Pop(), ref into, ref count);
            if (_next < _sorted || _late.Count > 0 || Count == 0)
                return;
            var nextStart = _inBuckets == 0 ? _far.Min.Time / BucketTicks * BucketTicks : _currentStart + BucketTicks;
            if (nextStart > end.Time)
                return;
            var whole = nextStart + BucketTicks <= end.Time;
            Advance(sort: !whole);
            if (!whole)
                continue;
            for (var i = 0; i < _sorted; i++)
                Take(_current.Keys[i], ref into, ref count);
            _next = _sorted;
        }
    }

    private void Take(in EventKey key, ref SimulationEvent[] into, ref int count)
    {
        if (count == into.Length)
            Array.Resize(ref into, Math.Max(16, count * 2));
        into[count++] = Remove(key);
    }

    /// <summary>The event of a key of the current bucket, which leaves the queue: its body is cleared, so a delivered message can be collected.</summary>
    private SimulationEvent Remove(in EventKey key)
    {
        Count--;
        ref var body = ref _current.Bodies[key.Slot];
        var removed = new SimulationEvent(key.Time, key.Sequence, body.Lane, body.Handler, body.Payload, body.A, body.B, body.C, body.D);
        body = default;
        return removed;
    }

    private ref readonly EventKey First()
    {
        if (FirstIsSorted())
            return ref _current.Keys[_next];
        return ref _late.Min;
    }

    /// <summary>Brings the next event into the current bucket; true when it is the next sorted key, false when it is the late heap's.</summary>
    private bool FirstIsSorted()
    {
        if (Count == 0)
            throw new InvalidOperationException("the event queue is empty");
        while (_next == _sorted && _late.Count == 0)
            Advance(sort: true);
        return _next < _sorted && (_late.Count == 0 || _current.Keys[_next].Precedes(_late.Min));
    }

    private void Route(long time, long sequence, in Body body)
    {
        var offset = time - _currentStart;
        if (offset < BucketTicks)
        {
            _late.Push(new EventKey(time, sequence, Append(ref _current, time, sequence, body)));
        }
        else if (offset < BucketTicks * BucketCount)
        {
            Append(ref _buckets[(int)(time / BucketTicks) & BucketMask], time, sequence, body);
            _inBuckets++;
        }
        else
        {
            int slot;
            if (_farFree >= 0)
            {
                slot = _farFree;
                _farFree = _farBodies[slot].A;
            }
            else
            {
                if (_farUsed == _farBodies.Length)
                    Array.Resize(ref _farBodies, _farBodies.Length * 2);
                slot = _farUsed++;
            }
            _farBodies[slot] = body;
            _far.Push(new EventKey(time, sequence, slot));
        }
    }

    private int Append(ref Bucket bucket, long time, long sequence, in Body body)
    {
        var count = bucket.Count;
        if (count == bucket.Keys.Length)
        {
            var keys = _keyArrays.Rent(count * 2);
            var bodies = _bodyArrays.Rent(count * 2);
            Array.Copy(bucket.Keys, keys, count);
            Array.Copy(bucket.Bodies, bodies, count);
            Array.Clear(bucket.Bodies, 0, count);
            _keyArrays.Return(bucket.Keys);
            _bodyArrays.Return(bucket.Bodies);
            bucket.Keys = keys;
            bucket.Bodies = bodies;
        }
        bucket.Keys[count] = new EventKey(time, sequence, count);
        bucket.Bodies[count] = body;
        bucket.Count = count + 1;
        return count;
    }

    /// <summary>Gives back the drained bucket, makes the next one current (its keys sorted unless <paramref name="sort"/> is false: it is taken whole), then brings in far events that are now within the horizon.</summary>
    private void Advance(bool sort)
    {
        // Every body was cleared as it ran, so the arrays go back holding no references.
        _keyArrays.Return(_current.Keys);
        _bodyArrays.Return(_current.Bodies);
        if (_inBuckets == 0)
        {
            // Nothing within the horizon: jump straight to the far heap's first bucket.
            _currentStart = _far.Min.Time / BucketTicks * BucketTicks;
        }
        else
        {
            _currentStart += BucketTicks;
        }
        ref var next = ref _buckets[(int)(_currentStart / BucketTicks) & BucketMask];
        _current = next;
        next = Bucket.Empty;
        _inBuckets -= _current.Count;
        if (sort)
            _current.Keys.AsSpan(0, _current.Count).Sort();
        _sorted = _current.Count;
        _next = 0;
        var horizon = _currentStart + BucketTicks * BucketCount;
        while (_far.Count > 0 && _far.Min.Time < horizon)
        {
            var key = _far.Pop();
            ref var body = ref _farBodies[key.Slot];
            Route(key.Time, key.Sequence, body);
            body = new Body(null!, null, 0, _farFree, 0, 0, 0);
            _farFree = key.Slot;
        }
    }

    /// <summary>A bucket's events: keys and bodies side by side, a key's slot being its body's index.</summary>
    private struct Bucket
    {
        public static Bucket Empty => new() { Keys = [], Bodies = [] };

        public EventKey[] Keys;
        public Body[] Bodies;
        public int Count;
    }

    /// <summary>What an event carries besides its key; a free far slot keeps the next free one in <see cref="A"/>.</summary>
    private readonly record struct Body(ISimulationEventHandler Handler, object? Payload, int Lane, int A, int B, int C, int D);
}
