namespace Rollout.Mesh.Simulation;

/// <summary>A source of uniform 64-bit values: the simulator's generators, whichever their state.</summary>
internal interface IRandomBits
{
    /// <summary>The next 64 random bits.</summary>
    ulong NextUInt64();

    /// <summary>
    /// A uniform value in [0, <paramref name="bound"/>) from <paramref name="source"/>, without modulo
    /// bias (Lemire's multiply-and-reject); <paramref name="bound"/> is not zero. Generic, so a struct
    /// source held in an array is advanced in place.
    /// </summary>
    static ulong Below<TSource>(ref TSource source, ulong bound)
        where TSource : IRandomBits
    {
        var product = Math.BigMul(source.NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
                product = Math.BigMul(source.NextUInt64(), bound, out low);
        }
        return product;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits from <paramref name="source"/>.</summary>
    static double NextDouble<TSource>(ref TSource source)
        where TSource : IRandomBits =>
        (source.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with the given probability; draws nothing when it is 0 or 1, so a lossless link costs no random numbers.</summary>
    static bool Chance<TSource>(ref TSource source, double probability)
        where TSource : IRandomBits
    {
        if (probability <= 0)
            return false;
        if (probability >= 1)
            return true;
        return NextDouble(ref source) < probability;
    }
}
