namespace Rollout.Mesh.Collections;

/// <summary>
/// Gives table space back after many removals. .NET's collections never shrink by themselves, and a
/// light peer's tables grow with the join's burst of PX connections (about 66 at 100,000 peers) and
/// would keep that capacity after its connection manager trims back to the watermarks (24–32).
/// Trimming only below a quarter of the capacity keeps the cost amortised: a table must lose three
/// quarters of what it grew to before it is copied once.
/// </summary>
internal static class SparseTables
{
    private const int Smallest = 32;

    /// <summary>Trims <paramref name="table"/> when it holds less than a quarter of its capacity.</summary>
    public static void Trim<TKey, TValue>(Dictionary<TKey, TValue> table)
        where TKey : notnull
    {
        // EnsureCapacity(0) reads the capacity without changing it.
        var capacity = table.EnsureCapacity(0);
        if (capacity > Smallest && table.Count * 4 < capacity) table.TrimExcess();
    }

    /// <summary>Trims <paramref name="list"/> when it holds less than a quarter of its capacity.</summary>
    public static void Trim<T>(List<T> list)
    {
        if (list.Capacity > Smallest && list.Count * 4 < list.Capacity) list.Capacity = list.Count;
    }
}
