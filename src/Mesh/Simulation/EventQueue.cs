using System.Runtime.InteropServices;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// A 4-ary min-heap of events ordered by (time, sequence). The heap holds only 16-byte keys (time,
/// and the sequence number packed with a slot index), so the four children of a node fill one
/// 64-byte cache line; an event's handler and arguments wait in a slot array and are touched once
/// when scheduled and once when run. Freed slots are reused last-in first-out, so the slot an event
/// just left is still in cache for the next one. Nothing is allocated once the arrays have grown.
/// </summary>
internal sealed class EventQueue
{
    /// <summary>Sequence numbers above this cannot be packed beside a slot index.</summary>
    public const long MaxSequence = (1L << SequenceBits) - 1;

    private const int Arity = 4;
    private const int SlotBits = 28;
    private const int SequenceBits = 64 - SlotBits;
    private const ulong SlotMask = (1UL << SlotBits) - 1;

    private Key[] _heap;
    private Slot[] _slots;
    private int _count;
    private int _freeHead = -1;
    private int _slotsUsed;

    public EventQueue(int initialCapacity = 1024)
    {
        var capacity = Math.Max(initialCapacity, Arity);
        _heap = new Key[capacity];
        _slots = new Slot[capacity];
    }

    public int Count => _count;

    /// <summary>Events the arrays hold before they next grow.</summary>
    public int Capacity => _heap.Length;

    /// <summary>Time of the first event; the queue must not be empty.</summary>
    public long PeekTime()
    {
        if (_count == 0)
            throw new InvalidOperationException("the event queue is empty");
        return _heap[0].Time;
    }

    public void Enqueue(long time, long sequence, ISimulationEventHandler handler, object? payload, int a, int b, int c, int d)
    {
        if ((ulong)sequence > MaxSequence)
            throw new InvalidOperationException($"the simulation ran out of sequence numbers after {MaxSequence} events");
        if (_count == _heap.Length)
            Grow();
        int slot;
        if (_freeHead >= 0)
        {
            slot = _freeHead;
            _freeHead = _slots[slot].A;
        }
        else
        {
            slot = _slotsUsed++;
        }
        _slots[slot] = new Slot(handler, payload, a, b, c, d);
        var item = new Key(time, ((ulong)sequence << SlotBits) | (uint)slot);
        var heap = _heap;
        var index = _count++;
        while (index > 0)
        {
            var parent = (index - 1) / Arity;
            if (!item.Precedes(heap[parent]))
                break;
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = item;
    }

    public SimulationEvent Dequeue()
    {
        if (_count == 0)
            throw new InvalidOperationException("the event queue is empty");
        var heap = _heap;
        var top = heap[0];
        var last = heap[--_count];
        if (_count > 0)
            SiftDown(heap, last, _count);
        var slot = (int)(top.SequenceSlot & SlotMask);
        ref var stored = ref _slots[slot];
        var result = new SimulationEvent(top.Time, (long)(top.SequenceSlot >> SlotBits), stored.Handler, stored.Payload, stored.A, stored.B, stored.C, stored.D);
        // Drop the references so a delivered message can be collected; chain the slot into the free list.
        stored = new Slot(null!, null, _freeHead, 0, 0, 0);
        _freeHead = slot;
        return result;
    }

    private static void SiftDown(Key[] heap, Key item, int count)
    {
        var index = 0;
        while (true)
        {
            var first = index * Arity + 1;
            if (first >= count)
                break;
            var best = first;
            var end = Math.Min(first + Arity, count);
            for (var child = first + 1; child < end; child++)
            {
                if (heap[child].Precedes(heap[best]))
                    best = child;
            }
            if (!heap[best].Precedes(item))
                break;
            heap[index] = heap[best];
            index = best;
        }
        heap[index] = item;
    }

    private void Grow()
    {
        var capacity = _heap.Length * 2;
        if (capacity > (int)SlotMask + 1)
            throw new InvalidOperationException($"more than {SlotMask + 1} events are waiting; the simulation is too large for one queue");
        Array.Resize(ref _heap, capacity);
        Array.Resize(ref _slots, capacity);
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Key(long Time, ulong SequenceSlot)
    {
        // Sequence numbers are unique and sit in the high bits, so comparing the packed word orders by sequence.
        public bool Precedes(in Key other) =>
            Time < other.Time || (Time == other.Time && SequenceSlot < other.SequenceSlot);
    }

    private readonly record struct Slot(ISimulationEventHandler Handler, object? Payload, int A, int B, int C, int D);
}
