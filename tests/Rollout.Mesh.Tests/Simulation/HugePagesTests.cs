using System.Runtime.InteropServices;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class HugePagesTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void MapsLines_ParseIntoRangesPermissionsAndWhetherAnonymous()
    {
        Assert.True(MemoryMapping.TryParse("7f2f2a001000-7f3aec000000 ---p 00000000 00:00 0 ", out var reserved));
        Assert.Equal(0x7f2f2a001000, reserved.Start);
        Assert.Equal(0x7f3aec000000 - 0x7f2f2a001000, reserved.Length);
        Assert.True(reserved.IsReservation);
        Assert.False(reserved.IsWritablePrivate);

        Assert.True(MemoryMapping.TryParse("7f2f00000000-7f2f00400000 rw-p 00000000 00:00 0", out var committed));
        Assert.True(committed.IsWritablePrivate);

        Assert.True(MemoryMapping.TryParse("7fff0bf62000-7fff0bf83000 rw-p 00000000 00:00 0                          [stack]", out var stack));
        Assert.False(stack.Anonymous);
        Assert.True(MemoryMapping.TryParse("7f363ae0a000-7f363ae0c000 rw-p 00033000 fe:00 331651   /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", out var file));
        Assert.False(file.IsWritablePrivate);
        Assert.True(MemoryMapping.TryParse("7f0000000000-7f0000200000 rw-s 00000000 00:01 12 ", out var shared));
        Assert.False(shared.IsWritablePrivate);

        Assert.False(MemoryMapping.TryParse("", out _));
        Assert.False(MemoryMapping.TryParse("not a mapping at all", out _));
        Assert.False(MemoryMapping.TryParse("2000-1000 rw-p 0 00:00 0", out _));
    }

    [Fact]
    public void Reservations_AreRunsOfAdjacentAnonymousMappingsStillPartlyReserved_AndOnlyTheirWholeHugePagesCollapse()
    {
        var gcStart = 0x7f0000000000L;
        var mappings = new[]
        {
            // The GC's heap: committed pieces (one not 2 MiB aligned) between reserved ones, 4 GiB in all.
            Map(gcStart, gcStart + (3 * MiB), "rw-p"),
            Map(gcStart + (3 * MiB), gcStart + (64 * MiB), "---p"),
            Map(gcStart + (64 * MiB), gcStart + (72 * MiB) + 4096, "rw-p"),
            Map(gcStart + (72 * MiB) + 4096, gcStart + (4096 * MiB), "---p"),
            // A gap, then a 2 GiB run that is all committed (not a reservation) and a small reservation.
            Map(0x7e0000000000, 0x7e0080000000, "rw-p"),
            Map(0x7d0000000000, 0x7d0000100000, "---p"),
            // A large file mapping is never the heap.
            Map(0x7c0000000000, 0x7c0100000000, "r--p", anonymous: false),
        };

        var reservations = HugePages.Reservations(mappings);

        var heap = Assert.Single(reservations);
        Assert.Equal(gcStart, heap.Start);
        Assert.Equal(gcStart + (4096 * MiB), heap.End);
        var ranges = HugePages.CollapsibleRanges(mappings, reservations).ToList();
        Assert.Equal([(gcStart, 2 * MiB), (gcStart + (64 * MiB), 8 * MiB)], ranges);
    }

    [Fact]
    public void OnlyHugePagesWhoseSmallPagesAreAllResidentCollapse_AndNeighboursJoinIntoOneRun()
    {
        var start = 0x7f0000000000L;
        var perHugePage = (int)(2 * MiB / Environment.SystemPageSize);
        // Five huge pages and a few pages more: resident, resident, one page missing, resident, only
        // the lowest bit counts (mincore leaves the others undefined), then a partial huge page.
        var residency = new byte[(5 * perHugePage) + 3];
        residency.AsSpan().Fill(1);
        residency[(2 * perHugePage) + 17] = 0;
        residency.AsSpan(3 * perHugePage, perHugePage).Fill(0xFF);
        residency[4 * perHugePage] = 0xFE;

        var runs = HugePages.WholeResidentRuns(start, residency);

        Assert.Equal([(start, 4 * MiB), (start + (6 * MiB), 2 * MiB)], runs);
        Assert.Empty(HugePages.WholeResidentRuns(start, residency.AsSpan(0, perHugePage - 1)));
    }

    [Fact]
    public void Residency_SaysWhichPagesWereTouched_SoAPassLeavesUntouchedMemoryAlone()
    {
        if (!OperatingSystem.IsLinux()) return;
        var page = Environment.SystemPageSize;
        var length = 8 * MiB;
        var mapping = mmap(0, (nuint)length, ProtectReadWrite, MapPrivateAnonymous, -1, 0);
        Assert.NotEqual(-1, mapping);
        try
        {
            // The first huge page of the mapping that is wholly inside it, written in full; of the
            // next, only its first page.
            var aligned = (mapping + (nint)(2 * MiB) - 1) & ~(nint)(2 * MiB - 1);
            for (var offset = 0L; offset < 2 * MiB; offset += page) Marshal.WriteByte(aligned, (int)offset, 1);
            Marshal.WriteByte(aligned, (int)(2 * MiB), 1);
            var residency = new byte[(4 * MiB) / page];

            Assert.True(HugePages.TryReadResidency(aligned, 4 * MiB, residency));

            Assert.Equal((2 * MiB / page) + 1, residency.Count(b => (b & 1) == 1));
            Assert.Equal([((long)aligned, 2 * MiB)], HugePages.WholeResidentRuns(aligned, residency));
        }
        finally
        {
            Assert.Equal(0, munmap(mapping, (nuint)length));
        }
    }

    [Fact]
    public void Rollup_GivesHugeAndResidentBytes_OrNothingWhenAFigureIsMissing()
    {
        string[] rollup = ["00400000-7ffc0bf83000 ---p 00000000 00:00 0 [rollup]", "Rss:              747408 kB", "Pss:  1 kB", "AnonHugePages:    675840 kB"];

        Assert.Equal((675840L * 1024, 747408L * 1024), HugePages.ParseRollup(rollup));
        Assert.Null(HugePages.ParseRollup(rollup[..2]));
    }

    [Fact]
    public void OnLinuxWithTransparentHugePages_TheGcHeapEndsUpInHugePages()
    {
        var mode = File.Exists("/sys/kernel/mm/transparent_hugepage/enabled") ? File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled") : "";
        using var pages = HugePages.Start();
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(pages.Advised);
            return;
        }
        // A kernel without THP, or with it off, backs nothing with huge pages whatever is asked.
        if (mode.Length == 0 || mode.Contains("[never]", StringComparison.Ordinal)) return;
        Assert.True(pages.Advised);
        var before = HugePages.Residency()!.Value.HugeBytes;
        // 256 MiB of small arrays, written to, then one collapse pass.
        var held = new List<long[]>();
        for (var i = 0; i < 4096; i++)
        {
            var array = new long[8192];
            array.AsSpan().Fill(i);
            held.Add(array);
        }
        pages.Collapse();

        Assert.True(HugePages.Residency()!.Value.HugeBytes >= before + (64 * MiB), $"huge pages grew by {(HugePages.Residency()!.Value.HugeBytes - before) / MiB} MiB");
        GC.KeepAlive(held);
    }

    private const int ProtectReadWrite = 0x3;
    private const int MapPrivateAnonymous = 0x22;

    private static MemoryMapping Map(long start, long end, string permissions, bool anonymous = true) => new(start, end, permissions, anonymous);

#pragma warning disable SYSLIB1054 // The project does not enable unsafe code, which LibraryImport needs.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int descriptor, nint offset);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int munmap(nint address, nuint length);
#pragma warning restore SYSLIB1054
}
