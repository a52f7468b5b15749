using System.Diagnostics;
using System.Globalization;
using Rollout.Mesh.Scenarios;
using Rollout.Mesh.Simulation;

namespace Rollout.Benchmarks.Mesh;

/// <summary>
/// <c>ops/bench mesh [--peers N] [--messages M] [--px-peers N] [--bootstraps B] [--only routing|peer-exchange] [--seed S] [--threads T] [--heap-limit-gib G]</c>:
/// the stage 1 tests at full size on the simulator with the real protocol code. Routing: N light
/// peers (default 100,000), 5 relays, B bootstraps (default 8), M publishers (default 1,000) one
/// after another; peer exchange: 200,000 peers joining through the bootstraps. Reports wall time,
/// peak memory (process peak working set), heap bytes per peer and simulated events per second;
/// the anchor is the seed's own budget (routing under 5 minutes and 8 GiB with zero loss; 200,000
/// peers through PX under 10 minutes). Threads default to the machine's processors; the report is
/// the same for any count. Routing runs with its heap capped (<see cref="HeapLimit"/>) at
/// <see cref="RoutingHeapLimitGiB"/> by default: the 8 GiB target less a margin for what the process
/// holds outside the GC's heap (a capped run at 30,000 peers peaked 65 MB above its cap);
/// <c>--heap-limit-gib 0</c> runs it uncapped.
/// </summary>
internal static class MeshScenarioBenchmark
{
    /// <summary>The routing run's default heap cap.</summary>
    public const double RoutingHeapLimitGiB = 7.25;

    private const string Usage = "[--peers N] [--messages M] [--px-peers N] [--bootstraps B] [--only routing|peer-exchange] [--seed S] [--threads T] [--heap-limit-gib G]";

    public static int Run(string[] args, TextWriter output)
    {
        int peers = 100_000, messages = 1_000, pxPeers = 200_000, bootstraps = 8;
        var heapLimitGiB = RoutingHeapLimitGiB;
        ulong seed = 1;
        var threads = ScenarioSettings.MachineThreads;
        string? only = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--peers" => int.TryParse(value, CultureInfo.InvariantCulture, out peers) && peers > 1,
                "--messages" => int.TryParse(value, CultureInfo.InvariantCulture, out messages) && messages > 0,
                "--px-peers" => int.TryParse(value, CultureInfo.InvariantCulture, out pxPeers) && pxPeers > 1,
                "--bootstraps" => int.TryParse(value, CultureInfo.InvariantCulture, out bootstraps) && bootstraps > 0,
                "--seed" => ulong.TryParse(value, CultureInfo.InvariantCulture, out seed),
                "--threads" => int.TryParse(value, CultureInfo.InvariantCulture, out threads) && threads is >= 1 and <= ScenarioSettings.MaxThreads,
                "--only" => (only = value) is "routing" or "peer-exchange",
                "--heap-limit-gib" => double.TryParse(value, CultureInfo.InvariantCulture, out heapLimitGiB) && heapLimitGiB is >= 0 and < 1 << 20,
                _ => false,
            };
            if (!ok)
            {
                output.WriteLine($"mesh: bad option {args[i]} {value}; usage: {Usage}");
                return 2;
            }
        }
        if (args.Length % 2 != 0)
        {
            output.WriteLine($"mesh: option {args[^1]} has no value");
            return 2;
        }
        var passed = true;
        if (only is null or "routing")
        {
            passed &= Measure(output, RoutingScenario.Name, new ScenarioSettings
            {
                Peers = peers, Relays = 5, Bootstraps = bootstraps, Messages = messages, Seed = seed, Threads = threads,
                PublishInterval = TimeSpan.FromMilliseconds(10),
            }, "deliveries_on_time", "messages_lost", heapLimitGiB);
        }
        if (only is null or "peer-exchange")
        {
            passed &= Measure(output, PeerExchangeScenario.Name, new ScenarioSettings { Peers = pxPeers, Relays = 5, Bootstraps = bootstraps, Seed = seed, Threads = threads },
                "pruned_with_px", "late", heapLimitGiB: 0);
        }
        return passed ? 0 : 1;
    }

    private static bool Measure(TextWriter output, string scenario, ScenarioSettings settings, string good, string bad, double heapLimitGiB)
    {
        var cap = heapLimitGiB > 0 ? F($", heap capped at {heapLimitGiB:0.##} GiB") : "";
        output.WriteLine(F($"mesh {scenario}: {settings.Peers:N0} light peers, {settings.Relays} relays, {settings.Bootstraps} bootstraps, seed {settings.Seed}, {settings.Threads} threads{cap}"));
        // The machine is shared: the load beside a wall time says how far to trust it (CPU time is the steadier figure).
        var loadBefore = LoadAverage();
        using var hugePages = HugePages.Start();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var heapLimit = heapLimitGiB > 0 ? HeapLimit.Apply(HeapLimit.BytesOf(heapLimitGiB)) : null;
        var started = Stopwatch.GetTimestamp();
        var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
        var pauseStarted = GC.GetTotalPauseDuration();
        int[] collectionsStarted = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var lastLine = TimeSpan.Zero;
        var largestHeap = 0L;
        ScenarioReport report;
        try
        {
            report = MeshScenarios.Run(scenario, settings, p =>
            {
                // Sampled every progress report (200,000 events): garbage not yet collected is included.
                largestHeap = Math.Max(largestHeap, GC.GetTotalMemory(forceFullCollection: false));
                if (p.WallTime - lastLine < TimeSpan.FromSeconds(30)) return;
                lastLine = p.WallTime;
                output.WriteLine(F($"  ... virtual {p.VirtualTime.TotalSeconds:F0} s, {p.PeersOnline:N0} online, {p.EventsProcessed:N0} events, heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB"));
            });
        }
        catch (Exception e) when (heapLimit is not null && HeapLimit.IsExhaustion(e))
        {
            output.WriteLine(F($"  result:               FAIL: the run outgrew its heap cap of {heapLimitGiB:0.##} GiB; rerun with a larger --heap-limit-gib, or 0 for none"));
            return false;
        }
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStarted;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var loadAfter = LoadAverage();
        var pause = GC.GetTotalPauseDuration() - pauseStarted;
        // CollectionCount(n) counts collections of generation n or higher: the difference gives each kind alone.
        int[] collections = [.. Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsStarted[g])];
        var residency = HugePages.Residency();
        output.WriteLine(F($"  result:               {(report.Passed ? "PASS" : "FAIL")} ({good} {report.Figures[good]:N0}, {bad} {report.Figures[bad]:N0})"));
        output.WriteLine(F($"  wall time:            {wall.TotalSeconds:F1} s (CPU {cpu.TotalSeconds:F1} s; load average {loadBefore} at the start, {loadAfter} at the end)"));
        output.WriteLine(F($"  peak working set:     {peak / 1073741824.0:F2} GiB"));
        output.WriteLine(F($"  garbage collection:   {pause.TotalSeconds:F1} s paused ({pause / wall:P0} of the wall time); {collections[0] - collections[1]:N0} gen0, {collections[1] - collections[2]:N0} gen1, {collections[2]:N0} gen2 collections"));
        output.WriteLine(residency is var (huge, resident)
            ? F($"  huge pages:           {huge / 1048576.0:N0} MiB of {resident / 1048576.0:N0} MiB resident at the end ({(hugePages.Advised ? "GC heap advised" : "not advised")}; {HugePages.DisableVariable}=0 turns the advice off)")
            : "  huge pages:           not reported by this system");
        output.WriteLine(F($"  largest heap seen:    {largestHeap / 1048576.0:F0} MiB, {(double)(largestHeap - heapBefore) / (settings.Peers + settings.Relays + settings.Bootstraps):F0} bytes per peer (all state and caches, plus garbage not yet collected)"));
        output.WriteLine(F($"  simulated events:     {report.Engine.Events:N0} over {report.Engine.VirtualSeconds:F0} virtual s, {report.Engine.Events / wall.TotalSeconds:N0} events/s wall, trace {report.Engine.TraceHash}"));
        if (report.Figures.TryGetValue("deliveries_on_time", out var onTime))
        {
            // Per delivery, the whole run included (join and stabilisation too): the figure to extrapolate from.
            var deliveries = onTime + report.Figures["deliveries_late"];
            output.WriteLine(F($"  per delivery:         {report.Engine.Events / deliveries:F2} events, {cpu.TotalMicroseconds / deliveries:F2} µs CPU, {wall.TotalMicroseconds / deliveries:F2} µs wall ({deliveries:N0} deliveries)"));
        }
        foreach (var d in report.Diagnoses) output.WriteLine($"  cause {d.CauseId}: {d.Evidence}");
        return report.Passed;
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? File.ReadAllText(path).Split(' ')[0] : "unknown";
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
