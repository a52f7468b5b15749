using System.Numerics;

namespace Rollout.Mesh.Connections;

/// <summary>
/// Resource-manager limits scaled off the high watermark, as the 2.0 bootstrap branch did
/// (DOMAIN.md): inbound connections <c>1 &lt;&lt; bitlen(3·max)</c>, streams <c>1 &lt;&lt; bitlen(216·max)</c>,
/// memory capped at 2 GiB. The simulator uses them to find where a bootstrap stops accepting.
/// </summary>
public sealed record ResourceLimits(long InboundConnections, long Streams, long MemoryBytes)
{
    /// <summary>The memory cap.</summary>
    public const long MaxMemoryBytes = 2L << 30;

    /// <summary>The limits for a high watermark of <paramref name="highWater"/>.</summary>
    public static ResourceLimits FromHighWater(int highWater)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(highWater);
        return new ResourceLimits(
            1L << BitLength(3L * highWater),
            1L << BitLength(216L * highWater),
            MaxMemoryBytes);
    }

    /// <summary>Go's bits.Len: the number of bits needed to write <paramref name="value"/>.</summary>
    private static int BitLength(long value) => 64 - BitOperations.LeadingZeroCount((ulong)value);
}
