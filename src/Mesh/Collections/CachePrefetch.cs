using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Rollout.Mesh.Collections;

/// <summary>
/// Asks the processor to start bringing memory into its caches before an event needs it: a hint that
/// changes no result, and nothing on processors without the instruction. At the seed's size nearly
/// every object an event touches is a cache miss, and the misses of one event wait for each other;
/// fetching the next events' memory while this one runs overlaps them.
/// </summary>
internal static unsafe class CachePrefetch
{
    /// <summary>Prefetches the start of <paramref name="value"/>'s storage.</summary>
    public static void At<T>(ref T value)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref value));
    }

    /// <summary>Prefetches the start of an object (its header and first fields); nothing for null.</summary>
    public static void Object(object? value)
    {
        // The reference read as an address: the object may move before it is used, which only wastes the hint.
        if (Sse.IsSupported && value is not null) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref value));
    }
}
