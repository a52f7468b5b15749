namespace Rollout.Mesh.Simulation;

/// <summary>
/// Sorts 64-bit keys whose bits below some position are each key's index in the input (so they rise
/// with its position): least-significant-digit radix sort over the bits above it, 11 bits a pass,
/// skipping the passes where every key has the same digit. The passes are stable, so keys equal above
/// the index stay in index order, and the result is exactly a comparison sort's of the whole keys. A
/// window of half a million events sorts in three sequential passes instead of an introsort's ~19
/// levels of comparisons.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    // Below this many keys the passes' fixed cost (a histogram of 2,048 counts each) outweighs n log n.
    private const int SmallCount = 1024;

    /// <summary>
    /// Sorts <paramref name="keys"/> ascending by their bits from <paramref name="lowBit"/> up, keeping
    /// the input order among keys equal there; below a thousand keys a comparison sort of the whole keys
    /// does it, which is the same order when the bits below <paramref name="lowBit"/> rise with the
    /// position. <paramref name="scratch"/> holds at least as many keys; its contents are overwritten.
    /// </summary>
    public static void Sort(Span<ulong> keys, Span<ulong> scratch, int lowBit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lowBit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lowBit, 63);
        if (scratch.Length < keys.Length)
            throw new ArgumentException($"scratch holds {scratch.Length} keys; the sort needs {keys.Length}", nameof(scratch));
        if (keys.Length < SmallCount)
        {
            keys.Sort();
            return;
        }
        ulong any = 0, all = ulong.MaxValue;
        foreach (var key in keys)
        {
            any |= key;
            all &= key;
        }
        // Bits that are one in some keys and zero in others: only digits holding one of them order anything.
        var varying = (any ^ all) >> lowBit;
        Span<int> counts = stackalloc int[Buckets];
        var source = keys;
        var target = scratch[..keys.Length];
        for (var shift = lowBit; shift < 64 && (varying >> (shift - lowBit)) != 0; shift += DigitBits)
        {
            if ((varying >> (shift - lowBit) & (Buckets - 1)) == 0) continue;
            counts.Clear();
            foreach (var key in source) counts[(int)(key >> shift) & (Buckets - 1)]++;
            var total = 0;
            for (var b = 0; b < Buckets; b++) (counts[b], total) = (total, total + counts[b]);
            foreach (var key in source) target[counts[(int)(key >> shift) & (Buckets - 1)]++] = key;
            var swap = source;
            source = target;
            target = swap;
        }
        if (source != keys) source.CopyTo(keys);
    }
}
