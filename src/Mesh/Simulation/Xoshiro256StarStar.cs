using System.Text;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna): fast, 256 bits of state, and the same sequence on
/// every machine and runtime, which <see cref="Random"/> does not promise. One instance per purpose,
/// derived from the run seed, so adding draws for one purpose never shifts another's sequence.
/// Not thread-safe and not for cryptography.
/// </summary>
public sealed class Xoshiro256StarStar : IRandomBits
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Seeds the state from one 64-bit value through SplitMix64, as the authors recommend.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Sets the raw state; at least one word must be non-zero.</summary>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
            throw new ArgumentException("the all-zero state is a fixed point of xoshiro256**", nameof(s0));
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>A generator for one purpose ("links.loss", "node.42"), independent of every other purpose of the same run seed.</summary>
    public static Xoshiro256StarStar ForPurpose(ulong runSeed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new Xoshiro256StarStar(DeriveSeed(runSeed, purpose));
    }

    /// <summary>Node <paramref name="node"/>'s own generator for a purpose whose seed is <paramref name="purposeSeed"/> (from <see cref="DeriveSeed"/>).</summary>
    public static Xoshiro256StarStar ForNode(ulong purposeSeed, int node) =>
        new(unchecked(purposeSeed + ((ulong)(uint)node * 0x9E3779B97F4A7C15UL)));

    /// <summary>Mixes a run seed with a purpose name (FNV-1a over its UTF-8 bytes, then SplitMix64).</summary>
    public static ulong DeriveSeed(ulong runSeed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(purpose))
        {
            hash ^= b;
            hash *= 0x100000001b3UL;
        }
        var x = runSeed ^ hash;
        return SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform value in [0, bound), without modulo bias (Lemire's multiply-and-reject).</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var self = this;
        return IRandomBits.Below(ref self, bound);
    }

    /// <summary>A uniform value in [0, bound) for an int bound.</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)NextBelow((ulong)bound);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        var self = this;
        return IRandomBits.NextDouble(ref self);
    }

    /// <summary>True with the given probability; draws nothing when it is 0 or 1.</summary>
    public bool Chance(double probability)
    {
        var self = this;
        return IRandomBits.Chance(ref self, probability);
    }

    /// <summary>The next output of the SplitMix64 sequence whose state is <paramref name="x"/>, which it advances.</summary>
    private static ulong SplitMix64(ref ulong x) => Finalise(x += 0x9e3779b97f4a7c15UL);

    /// <summary>SplitMix64's output function: a bijective mix of 64 bits.</summary>
    internal static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
