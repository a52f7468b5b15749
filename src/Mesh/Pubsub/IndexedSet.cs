using Rollout.Mesh.Collections;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// A set with O(1) add, remove and random pick: a bootstrap's topic holds thousands of subscribers
/// and answers every GRAFT with a random handful of them, so scanning the set each time would not scale.
/// </summary>
internal sealed class IndexedSet<T> : IEnumerable<T>
    where T : class
{
    // Positions a sample keeps on the stack; more (a bootstrap's gossip targets) go to the heap.
    private const int StackPositions = 256;

    private readonly List<T> _items = [];
    private readonly Dictionary<T, int> _index = new(ReferenceEqualityComparer.Instance);

    /// <summary>Items held.</summary>
    public int Count => _items.Count;

    /// <summary>The item at a position (positions change on removal).</summary>
    public T this[int position] => _items[position];

    /// <summary>Adds an item; false when present.</summary>
    public bool Add(T item)
    {
        if (!_index.TryAdd(item, _items.Count)) return false;
        _items.Add(item);
        return true;
    }

    /// <summary>Removes an item by moving the last one into its place; false when absent.</summary>
    public bool Remove(T item)
    {
        if (!_index.Remove(item, out var position)) return false;
        var last = _items[^1];
        _items.RemoveAt(_items.Count - 1);
        if (position < _items.Count)
        {
            _items[position] = last;
            _index[last] = position;
        }
        SparseTables.Trim(_index);
        SparseTables.Trim(_items);
        return true;
    }

    /// <summary>True when the item is held.</summary>
    public bool Contains(T item) => _index.ContainsKey(item);

    /// <summary>Up to <paramref name="count"/> distinct items passing <paramref name="filter"/>, chosen at random;
    /// on a large set it draws at most four times <paramref name="count"/> positions rather than scanning.</summary>
    public List<T> Sample(int count, Random random, Func<T, bool> filter) =>
        Sample(count, random, filter, static (item, filter) => filter(item));

    /// <summary>
    /// <see cref="Sample(int, Random, Func{T, bool})"/> with the filter's state passed in, so a static
    /// filter allocates nothing: routers sample on most heartbeats. Small sets are shuffled as positions
    /// on the stack, and drawn positions are remembered there too; the random draws are the same.
    /// </summary>
    public List<T> Sample<TState>(int count, Random random, TState state, Func<T, TState, bool> filter)
    {
        var picked = new List<T>(Math.Min(count, _items.Count));
        if (count <= 0) return picked;
        if (_items.Count <= count * 4)
        {
            Span<int> order = _items.Count <= StackPositions ? stackalloc int[_items.Count] : new int[_items.Count];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            random.Shuffle(order);
            foreach (var position in order)
            {
                if (picked.Count == count) break;
                if (filter(_items[position], state)) picked.Add(_items[position]);
            }
            return picked;
        }
        // Drawn positions: a few on the stack, scanned; thousands (a bootstrap's gossip targets) in a set,
        // since a scan per draw would grow with the square of the draws.
        var draws = count * 4;
        Span<int> few = draws <= StackPositions ? stackalloc int[draws] : default;
        var many = draws <= StackPositions ? null : new HashSet<int>(draws);
        var fewCount = 0;
        for (var attempt = 0; attempt < draws && picked.Count < count; attempt++)
        {
            var position = random.Next(_items.Count);
            if (many is not null)
            {
                if (!many.Add(position)) continue;
            }
            else
            {
                if (few[..fewCount].Contains(position)) continue;
                few[fewCount++] = position;
            }
            if (filter(_items[position], state)) picked.Add(_items[position]);
        }
        return picked;
    }

    /// <inheritdoc/>
    public List<T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
