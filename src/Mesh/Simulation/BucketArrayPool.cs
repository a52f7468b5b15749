using System.Numerics;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// Arrays for the calendar's buckets, by power-of-two length. A bucket takes an array as it fills
/// and gives it back when its turn comes, so the arrays held add up to about the events waiting,
/// not to every bucket's own peak (a synchronised heartbeat of 100,000 nodes would otherwise leave
/// a 100,000-slot array in each of the 4,096 buckets it passes through).
/// </summary>
internal sealed class BucketArrayPool
{
    public const int MinimumLength = 16;

    private readonly Stack<EventKey[]>[] _bySize = new Stack<EventKey[]>[32];

    /// <summary>An array of at least <paramref name="minimumLength"/> slots (a power of two).</summary>
    public EventKey[] Rent(int minimumLength)
    {
        var length = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(minimumLength, MinimumLength));
        var stack = _bySize[BitOperations.Log2((uint)length)];
        return stack is { Count: > 0 } ? stack.Pop() : new EventKey[length];
    }

    /// <summary>Takes back an array from <see cref="Rent"/>; its contents are left as they are, since keys hold no references.</summary>
    public void Return(EventKey[] array)
    {
        if (array.Length < MinimumLength)
            return;
        var index = BitOperations.Log2((uint)array.Length);
        (_bySize[index] ??= new Stack<EventKey[]>()).Push(array);
    }
}
