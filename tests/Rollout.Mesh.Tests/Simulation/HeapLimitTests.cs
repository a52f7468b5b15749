using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

// The cap is the whole process's: these tests set only a cap far above what any test holds (and one the GC refuses), and put the old one back.
public sealed class HeapLimitTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public void ACap_IsTheGcsUntilDisposed_ThenTheOneBeforeIsBack()
    {
        var before = HeapLimit.Current;

        using (HeapLimit.Apply(HeapLimit.BytesOf(12)))
        {
            Assert.Equal(12 * GiB, HeapLimit.Current);
        }

        Assert.Equal(before, HeapLimit.Current);
    }

    [Fact]
    public void ACapBelowWhatTheHeapHolds_IsRefusedWithBothFigures_AndChangesNothing()
    {
        var before = HeapLimit.Current;
        var held = new byte[64 << 20];

        var refused = Assert.Throws<InvalidOperationException>(() => HeapLimit.Apply(1 << 20));

        Assert.Contains("a heap limit of 1 MiB is below what the heap already holds", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, HeapLimit.Current);
        Assert.Throws<ArgumentOutOfRangeException>(() => HeapLimit.Apply(0));
        GC.KeepAlive(held);
    }

    [Fact]
    public void RunningOutOfHeap_IsTold_AlsoWhenParallelWorkGatheredIt_AndNothingElseIs()
    {
        Assert.True(HeapLimit.IsExhaustion(new OutOfMemoryException()));
        Assert.True(HeapLimit.IsExhaustion(new AggregateException(new OutOfMemoryException(), new AggregateException(new OutOfMemoryException()))));
        Assert.False(HeapLimit.IsExhaustion(new AggregateException(new OutOfMemoryException(), new InvalidOperationException())));
        Assert.False(HeapLimit.IsExhaustion(new InvalidOperationException()));
    }
}
