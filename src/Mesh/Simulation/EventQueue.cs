namespace Rollout.Mesh.Simulation;

/// <summary>
/// A 4-ary min-heap of <see cref="SimulationEvent"/> ordered by (time, sequence). Events live inline
/// in one array, so scheduling allocates nothing once the array has grown; four children per node
/// halve the depth of a binary heap and keep siblings in one or two cache lines.
/// </summary>
internal sealed class EventQueue
{
    private const int Arity = 4;
    private SimulationEvent[] _items;
    private int _count;

    public EventQueue(int initialCapacity = 1024) =>
        _items = new SimulationEvent[Math.Max(initialCapacity, Arity)];

    public int Count => _count;

    /// <summary>Length of the backing array, for memory accounting.</summary>
    public int Capacity => _items.Length;

    public void Enqueue(in SimulationEvent item)
    {
        if (_count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        var items = _items;
        var index = _count++;
        while (index > 0)
        {
            var parent = (index - 1) / Arity;
            if (!item.Precedes(items[parent]))
                break;
            items[index] = items[parent];
            index = parent;
        }
        items[index] = item;
    }

    public ref readonly SimulationEvent PeekRef()
    {
        if (_count == 0)
            throw new InvalidOperationException("the event queue is empty");
        return ref _items[0];
    }

    public SimulationEvent Dequeue()
    {
        if (_count == 0)
            throw new InvalidOperationException("the event queue is empty");
        var items = _items;
        var top = items[0];
        var last = items[--_count];
        items[_count] = default;
        if (_count > 0)
            SiftDown(items, last, _count);
        return top;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    private static void SiftDown(SimulationEvent[] items, in SimulationEvent item, int count)
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
                if (items[child].Precedes(items[best]))
                    best = child;
            }
            if (!items[best].Precedes(item))
                break;
            items[index] = items[best];
            index = best;
        }
        items[index] = item;
    }
}
