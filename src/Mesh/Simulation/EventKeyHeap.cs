namespace Rollout.Mesh.Simulation;

/// <summary>
/// A 4-ary min-heap of <see cref="EventKey"/>: four children halve the depth of a binary heap, and
/// the four 24-byte keys of a node's children span two 64-byte cache lines.
/// </summary>
internal sealed class EventKeyHeap(int initialCapacity)
{
    private const int Arity = 4;
    private EventKey[] _items = new EventKey[Math.Max(initialCapacity, Arity)];

    public int Count { get; private set; }

    public int Capacity => _items.Length;

    public ref readonly EventKey Min => ref _items[0];

    public void Push(in EventKey item)
    {
        if (Count == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        var items = _items;
        var index = Count++;
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

    public EventKey Pop()
    {
        var items = _items;
        var top = items[0];
        var count = --Count;
        if (count == 0)
            return top;
        var item = items[count];
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
        return top;
    }
}
