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
}
