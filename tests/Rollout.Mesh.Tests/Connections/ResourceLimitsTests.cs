using Rollout.Mesh.Connections;

namespace Rollout.Mesh.Tests.Connections;

public sealed class ResourceLimitsTests
{
    [Theory]
    [InlineData(192, 1024, 65536)] // 3·192 = 576 needs 10 bits; 216·192 = 41472 needs 16
    [InlineData(1, 4, 256)] // 3 needs 2 bits; 216 needs 8
    [InlineData(10000, 32768, 4194304)] // 30000 needs 15 bits; 2160000 needs 22
    public void Limits_ScaleOffTheHighWatermarkByBitLength(int highWater, long inbound, long streams)
    {
        var limits = ResourceLimits.FromHighWater(highWater);
        Assert.Equal(inbound, limits.InboundConnections);
        Assert.Equal(streams, limits.Streams);
        Assert.Equal(2L * 1024 * 1024 * 1024, limits.MemoryBytes);
    }
}
