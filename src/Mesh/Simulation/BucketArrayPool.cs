using System.Numerics;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// Arrays for the calendar's buckets, by power-of-two length. A bucket takes an array as it fills
/// and gives it back when its turn comes, so the arrays held add up to about the events waiting,
/// not to every bucket's own peak (a synchronised heartbeat of 100,000 nodes would otherwise leave
/// a 100,000-slot array in each of the 4,096 buckets it passes through).
/// </summary>
internal sealed class BucketArrayPool<T>
{
    public const int MinimumLength = 16;

    private readonly Stack<T[]>[] _bySize = new Stack<T[]>[32];

    /// <summary>An array of at least <paramref name="minimumLength"/> slots (a power of two).</summary>
    public T[] Rent(int minimumLength)
    {
        var length = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(minimumLength, MinimumLength));
        var stack = _bySize[BitOperations.Log2((uint)length)];
        return stack is { Count: > 0 } ? stack.Pop() : new T[length];
    }

    /// <summary>Takes back an array from <see cref="Rent"/> as it is: the caller clears what must not be kept alive.</summary>
    public void Return(T[] array)
    {
        if (array.Length < MinimumLength)
            return;
        var index = BitOperations.Log2((uint)array.Length);
        (_bySize[index] ??= new Stack<T[]>()).Push(array);
    }
}
