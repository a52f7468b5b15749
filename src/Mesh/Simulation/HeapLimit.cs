using System.Globalization;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// Caps this process's GC heap while a large run lasts. Without a cap the GC lets garbage gather in
/// the oldest generation until that generation's own budget runs out, so a run's peak memory depends
/// on where its full collections happen to fall: the seed-size routing test peaked anywhere from 6.9
/// to 9.0 GiB with the same code and the same events. With a cap the GC collects before the heap
/// passes it. The cap is the runtime's <c>GCHeapHardLimit</c>, set while the process runs (through
/// <see cref="AppContext"/> and <see cref="GC.RefreshMemoryLimit"/>); disposing puts back the value
/// that was set before (none: no cap). A run whose live state outgrows the cap fails with an
/// <see cref="OutOfMemoryException"/>, so a cap is a budget, chosen above the live state.
/// </summary>
public sealed class HeapLimit : IDisposable
{
    private const string Setting = "GCHeapHardLimit";

    private readonly object? _previous;
    private bool _disposed;

    private HeapLimit(object? previous) => _previous = previous;

    /// <summary>Bytes in <paramref name="gib"/> GiB, as the callers that take a cap in GiB (the CLI, the benchmark) hand it to <see cref="Apply"/>.</summary>
    public static long BytesOf(double gib) => (long)(gib * (1L << 30));

    /// <summary>The cap in force, in bytes, as the GC reports it (the machine's memory when there is none).</summary>
    public static long Current => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Caps the heap at <paramref name="bytes"/> until the result is disposed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cap is not positive.</exception>
    /// <exception cref="InvalidOperationException">The heap already holds more than the cap.</exception>
    public static HeapLimit Apply(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        var previous = AppContext.GetData(Setting);
        AppContext.SetData(Setting, (ulong)bytes);
        try
        {
            GC.RefreshMemoryLimit();
        }
        catch (InvalidOperationException e)
        {
            AppContext.SetData(Setting, previous);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"a heap limit of {bytes / 1048576.0:N0} MiB is below what the heap already holds ({GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:N0} MiB)"), e);
        }
        return new HeapLimit(previous);
    }

    /// <summary>
    /// True when <paramref name="exception"/> is the heap running out: an <see cref="OutOfMemoryException"/>,
    /// or one gathered from parallel work (an <see cref="AggregateException"/> of nothing else). Under a
    /// cap that means the cap was too small for the run.
    /// </summary>
    public static bool IsExhaustion(Exception exception) => exception switch
    {
        OutOfMemoryException => true,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.All(e => e is OutOfMemoryException),
        _ => false,
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        AppContext.SetData(Setting, _previous ?? 0UL);
        GC.RefreshMemoryLimit();
    }
}
