namespace Rollout.Mesh.Simulation;

/// <summary>
/// The engine's priority queue, ordered by (time, sequence). A calendar in front of two heaps keeps
/// the heap that is actually popped small enough to stay in cache at a million events in flight:
/// <list type="bullet">
/// <item>the near heap holds every event of the current bucket (one bucket spans <see cref="BucketTicks"/>);</item>
/// <item>the next <see cref="BucketCount"/> − 1 buckets are unsorted arrays, appended to in O(1) and
/// heapified only when their turn comes;</item>
/// <item>events beyond that horizon (long timers) wait in the far heap and move into buckets as the horizon passes them.</item>
/// </list>
/// Every near event precedes every bucketed one, which precedes every far one, so the order is the
/// exact (time, sequence) order of a single heap. Bucket arrays come from a pool and go back when
/// their bucket is drained, so memory follows the events waiting. An event's body waits in a slot array, touched once
/// when scheduled and once when run; freed slots are reused last-in first-out while still in cache.
/// Nothing is allocated once the arrays have grown.
/// </summary>
internal sealed class EventQueue
{
    /// <summary>Width of a bucket: 1 ms of virtual time.</summary>
    public const long BucketTicks = TimeSpan.TicksPerMillisecond;

    /// <summary>Buckets in the calendar: a horizon of about 4 s, beyond a gossip heartbeat.</summary>
    public const int BucketCount = 4096;

    private const int BucketMask = BucketCount - 1;

    private readonly EventKeyHeap _near;
    private readonly EventKeyHeap _far = new(64);
    private readonly EventKey[][] _buckets = new EventKey[BucketCount][];
    private readonly int[] _bucketCounts = new int[BucketCount];
    private readonly BucketArrayPool _arrays = new();
    private Slot[] _slots;
    private int _freeHead = -1;
    private int _slotsUsed;
    private int _inBuckets;
    private long _currentStart;

    public EventQueue(int initialCapacity = 1024)
    {
        _near = new EventKeyHeap(initialCapacity);
        _slots = new Slot[Math.Max(initialCapacity, 4)];
        Array.Fill(_buckets, []);
    }

    public int Count { get; private set; }

    /// <summary>Events the slot array holds before it next grows.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Time of the first event; the queue must not be empty.</summary>
    public long PeekTime()
    {
        if (Count == 0)
            throw new InvalidOperationException("the event queue is empty");
        FillNear();
        return _near.Min.Time;
    }

    /// <summary>Key of the first event; the queue must not be empty.</summary>
    public EventKey Peek()
    {
        if (Count == 0)
            throw new InvalidOperationException("the event queue is empty");
        FillNear();
        return _near.Min;
    }

    public void Enqueue(long time, long sequence, int lane, ISimulationEventHandler handler, object? payload, int a, int b, int c, int d)
    {
        int slot;
        if (_freeHead >= 0)
        {
            slot = _freeHead;
            _freeHead = _slots[slot].A;
        }
        else
        {
            if (_slotsUsed == _slots.Length)
                GrowSlots();
            slot = _slotsUsed++;
        }
        _slots[slot] = new Slot(handler, payload, lane, a, b, c, d);
        Route(new EventKey(time, sequence, slot));
        Count++;
    }

    public SimulationEvent Dequeue()
    {
        if (Count == 0)
            throw new InvalidOperationException("the event queue is empty");
        FillNear();
        var key = _near.Pop();
        Count--;
        var slot = key.Slot;
        ref var stored = ref _slots[slot];
        var result = new SimulationEvent(key.Time, key.Sequence, stored.Lane, stored.Handler, stored.Payload, stored.A, stored.B, stored.C, stored.D);
        // Drop the references so a delivered message can be collected; chain the slot into the free list.
        stored = new Slot(null!, null, 0, _freeHead, 0, 0, 0);
        _freeHead = slot;
        return result;
    }

    private void Route(in EventKey key)
    {
        var offset = key.Time - _currentStart;
        if (offset < BucketTicks)
        {
            _near.Push(key);
        }
        else if (offset < BucketTicks * BucketCount)
        {
            var bucket = (int)(key.Time / BucketTicks) & BucketMask;
            ref var items = ref _buckets[bucket];
            var count = _bucketCounts[bucket];
            if (count == items.Length)
            {
                var larger = _arrays.Rent(count * 2);
                Array.Copy(items, larger, count);
                _arrays.Return(items);
                items = larger;
            }
            items[count] = key;
            _bucketCounts[bucket] = count + 1;
            _inBuckets++;
        }
        else
        {
            _far.Push(key);
        }
    }

    /// <summary>Moves the calendar forward until the near heap holds the first event; the queue is not empty.</summary>
    private void FillNear()
    {
        while (_near.Count == 0)
        {
            if (_inBuckets == 0)
            {
                // Nothing within the horizon: jump straight to the far heap's first bucket.
                _currentStart = _far.Min.Time / BucketTicks * BucketTicks;
            }
            else
            {
                _currentStart += BucketTicks;
                var bucket = (int)(_currentStart / BucketTicks) & BucketMask;
                var items = _buckets[bucket];
                var count = _bucketCounts[bucket];
                for (var i = 0; i < count; i++)
                    _near.Push(items[i]);
                _bucketCounts[bucket] = 0;
                _inBuckets -= count;
                _buckets[bucket] = [];
                _arrays.Return(items);
            }
            var horizon = _currentStart + BucketTicks * BucketCount;
            while (_far.Count > 0 && _far.Min.Time < horizon)
                Route(_far.Pop());
        }
    }

    private void GrowSlots()
    {
        if (_slots.Length >= Array.MaxLength / 2)
            throw new InvalidOperationException($"more than {_slots.Length} events are waiting; the simulation is too large for one queue");
        Array.Resize(ref _slots, _slots.Length * 2);
    }

    private readonly record struct Slot(ISimulationEventHandler Handler, object? Payload, int Lane, int A, int B, int C, int D);
}
