using System.Globalization;
using System.Runtime.InteropServices;

namespace Rollout.Mesh.Simulation;

/// <summary>
/// Backs the GC heap with 2 MiB transparent huge pages on Linux while a large simulation runs. A
/// simulation at 100,000 peers chases pointers through gigabytes of small objects: with 4 KiB pages
/// nearly every such access also misses the TLB, and the page tables alone (~14 MB for 7 GiB) do not
/// stay in cache. The .NET GC does not ask for huge pages, and most systems run THP in "madvise"
/// mode, so this asks: <c>MADV_HUGEPAGE</c> on the GC's address reservations at <see cref="Start"/>,
/// then every <see cref="CollapseInterval"/> <c>MADV_COLLAPSE</c> (Linux 6.1+) on the committed parts
/// of them, because the GC commits in steps smaller than a huge page and the kernel's own collapsing
/// is slow. A pass collapses only the huge pages whose small pages are all resident already (read
/// with <c>mincore</c>): a collapse fills the pages never touched with zeros, so collapsing the GC's
/// committed but unused memory would make it resident and grow the process by up to 2 MiB a page for
/// nothing. Advice only: where the kernel refuses (other systems, old kernels, THP "never") nothing
/// changes, and nothing the simulation computes depends on it. Disabled by ROLLOUT_HUGE_PAGES=0.
/// </summary>
public sealed partial class HugePages : IDisposable
{
    /// <summary>The environment variable that disables the advice when set to 0.</summary>
    public const string DisableVariable = "ROLLOUT_HUGE_PAGES";

    /// <summary>Time between collapse passes.</summary>
    public static readonly TimeSpan CollapseInterval = TimeSpan.FromSeconds(5);

    /// <summary>Anonymous address ranges at least this large and still partly reserved are the GC's heap.</summary>
    internal const long ReservationBytes = 1L << 30;

    internal const long HugePageBytes = 2L << 20;

    /// <summary>Bytes whose residency one <c>mincore</c> call reads (16 KiB of answers at 4 KiB pages).</summary>
    private const long ResidencyStep = 64L << 20;

    private const int MadviseHugePage = 14;
    private const int MadviseCollapse = 25;

    private readonly IReadOnlyList<AddressRange> _reservations;
    private readonly byte[] _residency = new byte[ResidencyStep / Environment.SystemPageSize];
    private readonly Timer? _timer;
    private int _passRunning;

    private HugePages(IReadOnlyList<AddressRange> reservations, bool collapse)
    {
        _reservations = reservations;
        if (collapse) _timer = new Timer(_ => Collapse(), null, CollapseInterval, CollapseInterval);
    }

    /// <summary>True when the kernel accepted the advice for at least one GC reservation.</summary>
    public bool Advised => _reservations.Count > 0;

    /// <summary>
    /// Advises the GC's reservations and starts the collapse passes; does nothing (and <see cref="Advised"/>
    /// is false) off Linux, when disabled, or when the kernel refuses.
    /// </summary>
    public static HugePages Start()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(DisableVariable) == "0") return new HugePages([], collapse: false);
        List<AddressRange> advised = [];
        try
        {
            foreach (var span in Reservations(MemoryMapping.ReadAll()))
            {
                if (Advise(span.Start, span.Length, MadviseHugePage)) advised.Add(span);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // No /proc to read or no madvise to call: nothing is advised.
            return new HugePages([], collapse: false);
        }
        return new HugePages(advised, collapse: advised.Count > 0);
    }

    /// <summary>
    /// Bytes of this process's memory in transparent huge pages and resident in all (Linux
    /// /proc/self/smaps_rollup), or null where the system does not say.
    /// </summary>
    public static (long HugeBytes, long ResidentBytes)? Residency()
    {
        try
        {
            return File.Exists("/proc/self/smaps_rollup") ? ParseRollup(File.ReadLines("/proc/self/smaps_rollup")) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer?.Dispose();

    /// <summary>
    /// One collapse pass over the committed ranges inside the advised reservations: the huge pages
    /// among them that are wholly resident.
    /// </summary>
    internal void Collapse()
    {
        // Timer callbacks may overlap when a pass outlasts the interval: the later one skips.
        if (Interlocked.Exchange(ref _passRunning, 1) == 1) return;
        try
        {
            foreach (var (start, length) in CollapsibleRanges(MemoryMapping.ReadAll(), _reservations))
            {
                for (var offset = 0L; offset < length; offset += ResidencyStep)
                {
                    var part = Math.Min(ResidencyStep, length - offset);
                    // The GC may have decommitted the range since the maps were read: then skip it.
                    if (!TryReadResidency(start + offset, part, _residency)) continue;
                    foreach (var (run, runLength) in WholeResidentRuns(start + offset, _residency.AsSpan(0, (int)(part / Environment.SystemPageSize)))) Advise(run, runLength, MadviseCollapse);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The maps file went away (the process is exiting): advice only, so nothing is lost.
        }
        finally
        {
            Volatile.Write(ref _passRunning, 0);
        }
    }

    /// <summary>
    /// The GC's address reservations: runs of adjacent anonymous private mappings, reserved or already
    /// committed in part, of at least <see cref="ReservationBytes"/> with some of it still reserved
    /// (a heap reserves far more than it commits). Maps are listed in address order.
    /// </summary>
    internal static List<AddressRange> Reservations(IEnumerable<MemoryMapping> mappings)
    {
        List<AddressRange> spans = [];
        AddressRange? run = null;
        var reservedInRun = false;
        foreach (var mapping in mappings)
        {
            var part = mapping.IsReservation || mapping.IsWritablePrivate;
            if (part && run is { } current && current.End == mapping.Start)
            {
                run = current with { End = mapping.End };
                reservedInRun |= mapping.IsReservation;
                continue;
            }
            Close();
            run = part ? new AddressRange(mapping.Start, mapping.End) : null;
            reservedInRun = mapping.IsReservation;
        }
        Close();
        return spans;

        void Close()
        {
            if (run is { } done && reservedInRun && done.Length >= ReservationBytes) spans.Add(done);
        }
    }

    /// <summary>The whole huge pages of the writable private mappings that lie inside a reservation.</summary>
    internal static IEnumerable<(long Start, long Length)> CollapsibleRanges(IEnumerable<MemoryMapping> mappings, IReadOnlyList<AddressRange> reservations)
    {
        foreach (var mapping in mappings)
        {
            if (!mapping.IsWritablePrivate || !Inside(mapping, reservations)) continue;
            var start = (mapping.Start + HugePageBytes - 1) & ~(HugePageBytes - 1);
            var end = mapping.End & ~(HugePageBytes - 1);
            if (end > start) yield return (start, end - start);
        }
    }

    /// <summary>
    /// The runs of whole huge pages, from <paramref name="start"/> (huge-page aligned), whose small
    /// pages are all resident by <paramref name="residency"/> (one <c>mincore</c> answer per page,
    /// resident when its lowest bit is set); adjacent huge pages join into one run.
    /// </summary>
    internal static List<(long Start, long Length)> WholeResidentRuns(long start, ReadOnlySpan<byte> residency)
    {
        var pageBytes = Environment.SystemPageSize;
        var perHugePage = (int)(HugePageBytes / pageBytes);
        List<(long Start, long Length)> runs = [];
        var runStart = -1L;
        for (var first = 0; first + perHugePage <= residency.Length; first += perHugePage)
        {
            var address = start + ((long)first * pageBytes);
            if (AllResident(residency.Slice(first, perHugePage)))
            {
                if (runStart < 0) runStart = address;
                continue;
            }
            if (runStart >= 0) runs.Add((runStart, address - runStart));
            runStart = -1;
        }
        if (runStart >= 0) runs.Add((runStart, start + ((long)(residency.Length / perHugePage) * perHugePage * pageBytes) - runStart));
        return runs;
    }

    /// <summary>
    /// Reads which pages of [<paramref name="start"/>, +<paramref name="length"/>) are resident, one
    /// byte per page into <paramref name="residency"/>; false when the range is not mapped.
    /// </summary>
    internal static bool TryReadResidency(long start, long length, byte[] residency)
    {
        if (length / Environment.SystemPageSize > residency.Length) throw new ArgumentException("The residency buffer holds fewer pages than the range.", nameof(residency));
        return mincore((nint)start, (nuint)length, residency) == 0;
    }

    internal static (long HugeBytes, long ResidentBytes)? ParseRollup(IEnumerable<string> lines)
    {
        long? huge = null;
        long? resident = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("AnonHugePages:", StringComparison.Ordinal)) huge = Kilobytes(line);
            else if (line.StartsWith("Rss:", StringComparison.Ordinal)) resident = Kilobytes(line);
        }
        return huge is { } h && resident is { } r ? (h, r) : null;
    }

    private static long Kilobytes(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
    }

    private static bool Inside(MemoryMapping mapping, IReadOnlyList<AddressRange> reservations)
    {
        for (var i = 0; i < reservations.Count; i++)
        {
            if (mapping.Start >= reservations[i].Start && mapping.End <= reservations[i].End) return true;
        }
        return false;
    }

    private static bool AllResident(ReadOnlySpan<byte> pages)
    {
        foreach (var page in pages)
        {
            if ((page & 1) == 0) return false;
        }
        return true;
    }

    private static bool Advise(long start, long length, int advice) => madvise((nint)start, (nuint)length, advice) == 0;

    [LibraryImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int madvise(nint address, nuint length, int advice);

    [LibraryImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int mincore(nint address, nuint length, [Out] byte[] residency);

    /// <summary>A span of addresses, end exclusive.</summary>
    internal readonly record struct AddressRange(long Start, long End)
    {
        public long Length => End - Start;
    }
}
