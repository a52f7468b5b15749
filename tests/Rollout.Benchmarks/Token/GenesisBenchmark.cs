using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rollout.Mesh.Identity;
using Rollout.TestSupport;
using Rollout.Token.Addressing;
using Rollout.Token.Commitment;
using Rollout.Token.Genesis;
using Rollout.Token.Snapshots;

namespace Rollout.Benchmarks.Token;

/// <summary>
/// <c>ops/bench token [--entries N] [--peers N] [--no-js] [--no-js-tree] [--fake-derivation]</c>: generates an N-row (default 1,000,000)
/// <c>address,amount</c> snapshot, plus with <c>--peers</c> a third retro of that many random peer IDs whose
/// addresses the Poseidon derivation computes (default 0), builds its genesis the way <c>rollout token build</c> does (read, rules, tree, both files
/// written), then builds the same tree with <c>@openzeppelin/merkle-tree</c> in Node and reports the
/// times, peak memory and the tree ratio. With peer IDs it also derives the first 2,000 addresses with
/// <c>@iden3/js-crypto</c> and reports that ratio. Roots and addresses must agree or the run fails.
/// <c>--fake-derivation</c> replaces Poseidon by taking the multihash's last 32 bytes as the address, so
/// the rest of the pipeline can be timed alone (the root then differs from a real build's, and no anchor runs).
/// </summary>
internal static class GenesisBenchmark
{
    public static int Run(string[] args, TextWriter output)
    {
        var entries = 1_000_000;
        var runJs = true;
        var peers = 0;
        var noJsTree = false;
        var fakeDerivation = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--entries" && i + 1 < args.Length) entries = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--peers" && i + 1 < args.Length) peers = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--no-js") runJs = false;
            else if (args[i] == "--no-js-tree") noJsTree = true;
            else if (args[i] == "--fake-derivation") fakeDerivation = true;
            else
            {
                output.WriteLine("usage: ops/bench token [--entries N] [--peers N] [--no-js] [--no-js-tree] [--fake-derivation]");
                return 2;
            }
        }

        using var dir = new TempDirectory();
        var snapshots = dir.Combine("snapshots");
        Directory.CreateDirectory(snapshots);
        Generate(Path.Combine(snapshots, "generated.csv"), entries);
        if (peers > 0) GeneratePeers(Path.Combine(snapshots, "third_retro.json"), peers);
        output.WriteLine($"snapshot: {entries:N0} CSV rows (address,amount), {new FileInfo(Path.Combine(snapshots, "generated.csv")).Length / 1e6:F1} MB; "
            + (peers > 0 ? $"{peers:N0} peer IDs in third_retro.json (Poseidon derivation)" : "no peer IDs (add them with --peers N)"));
        var peerDerivation = new PoseidonPeerAddressDerivation();
        IPeerAddressDerivation derivation = fakeDerivation ? new MultihashTailDerivation() : peerDerivation;

        GC.Collect();
        var cpuStart = CpuTime();
        var total = Stopwatch.StartNew();
        var read = Stopwatch.StartNew();
        var set = SnapshotFolder.Read(snapshots);
        read.Stop();
        var readCpu = CpuTime();
        var rules = Stopwatch.StartNew();
        var genesis = new GenesisBuilder(GenesisSettings.Default, derivation, new PoseidonKeyAddressDerivation()).Build(set);
        rules.Stop();
        var rulesCpu = CpuTime();
        var treeTime = Stopwatch.StartNew();
        var tree = StandardMerkleTree.Build(genesis.Allocations);
        treeTime.Stop();
        var treeCpuEnd = CpuTime();
        var write = Stopwatch.StartNew();
        GenesisOutput.Write(dir.Combine("out"), genesis, tree);
        write.Stop();
        total.Stop();
        var writeCpu = CpuTime();
        var cpu = writeCpu - cpuStart;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;

        output.WriteLine($"rollout genesis{(fakeDerivation ? " (fake derivation)" : "")}: {total.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU (read {read.Elapsed.TotalSeconds:F2} s, rules {rules.Elapsed.TotalSeconds:F2} s, tree {treeTime.Elapsed.TotalSeconds:F2} s, write {write.Elapsed.TotalSeconds:F2} s), peak working set {peakMb:F0} MB, {Environment.ProcessorCount} cores");
        output.WriteLine($"  CPU per phase: read {(readCpu - cpuStart).TotalSeconds:F2} s, rules {(rulesCpu - readCpu).TotalSeconds:F2} s, tree {(treeCpuEnd - rulesCpu).TotalSeconds:F2} s, write {(writeCpu - treeCpuEnd).TotalSeconds:F2} s; GC collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB");
        output.WriteLine($"  tree.json {new FileInfo(dir.Combine("out", "tree.json")).Length / 1e6:F0} MB, genesis.json {new FileInfo(dir.Combine("out", "genesis.json")).Length / 1e6:F0} MB, root {tree.RootHex}");

        // The tree alone again, warm, for the like-for-like comparison with the JavaScript build.
        var warmCpuStart = CpuTime();
        var warm = Stopwatch.StartNew();
        var again = StandardMerkleTree.Build(genesis.Allocations);
        warm.Stop();
        var treeCpu = (CpuTime() - warmCpuStart).TotalMilliseconds;
        var ourTree = Math.Min(treeTime.Elapsed.TotalMilliseconds, warm.Elapsed.TotalMilliseconds);
        output.WriteLine($"rollout tree: {ourTree / 1000:F2} s wall (best of cold {treeTime.Elapsed.TotalSeconds:F2} s and warm {warm.Elapsed.TotalSeconds:F2} s), warm {treeCpu / 1000:F2} s CPU");
        if (!again.Root.SequenceEqual(tree.Root)) throw new InvalidOperationException("two builds of one tree disagree");
        if (!runJs || fakeDerivation) return 0;
        if (peers > 0 && !CompareAddressesWithIden3(set, peerDerivation, output)) return 1;
        if (noJsTree) return 0;

        var valuesFile = dir.Combine("values.json");
        WriteValues(valuesFile, genesis.Allocations);
        var js = RunNode(valuesFile);
        var jsRoot = js.RootElement.GetProperty("root").GetString();
        var jsMs = js.RootElement.GetProperty("milliseconds").GetDouble();
        var jsCpuMs = js.RootElement.GetProperty("cpuMilliseconds").GetDouble();
        var jsRssMb = js.RootElement.GetProperty("maxRssKb").GetDouble() / 1000;
        output.WriteLine($"@openzeppelin/merkle-tree StandardMerkleTree.of: {jsMs / 1000:F2} s wall, {jsCpuMs / 1000:F2} s CPU, node peak RSS {jsRssMb:F0} MB, root {jsRoot}");
        if (jsRoot != tree.RootHex)
        {
            output.WriteLine("ROOTS DIFFER");
            return 1;
        }
        output.WriteLine($"ratio JavaScript tree / Rollout tree: {jsMs / ourTree:F1}x wall, {jsCpuMs / treeCpu:F1}x CPU time; JavaScript tree alone / whole Rollout genesis: {jsMs / total.Elapsed.TotalMilliseconds:F1}x wall, {jsCpuMs / cpu.TotalMilliseconds:F1}x CPU");
        output.WriteLine("(wall times depend on what else the machine runs; CPU time counts every core Rollout used, so the CPU ratio is the conservative one)");
        return 0;
    }

    private static bool CompareAddressesWithIden3(SnapshotSet set, PoseidonPeerAddressDerivation derivation, TextWriter output)
    {
        var sample = set.Retros.SelectMany(r => r.Rewards).Select(r => r.PeerId).Take(2_000).ToArray();
        // The build's own path (DeriveAll: eight-lane batches where AVX-512 exists), warmed first, timed in CPU so the
        // ratio is per core against iden3's single Node thread.
        derivation.DeriveAll(sample[..Math.Min(64, sample.Length)]);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var ours = derivation.DeriveAll(sample);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var (count, jsSeconds, mismatches) = PoseidonBenchmark.RunIden3(sample, ours, sample.Length);
        var path = PoseidonPeerAddressDerivation.UsesVectorLanes ? "eight-lane batches" : "scalar";
        output.WriteLine($"@iden3/js-crypto poseidon.hashBytes: {count:N0} peer addresses in {jsSeconds:F2} s (one Node thread), Rollout DeriveAll ({path}) {cpuSeconds:F2} s CPU: "
            + $"ratio {jsSeconds / cpuSeconds:F1}x per core; addresses differing: {mismatches}");
        return mismatches == 0;
    }

    /// <summary>Not Poseidon: the multihash's last 32 bytes, to time everything but the hash.</summary>
    private sealed class MultihashTailDerivation : IPeerAddressDerivation
    {
        public QuilAddress Derive(PeerId peerId) => QuilAddress.FromBytes(peerId.Multihash[^32..]);

        public QuilAddress[] DeriveAll(IReadOnlyList<PeerId> peerIds)
        {
            var addresses = new QuilAddress[peerIds.Count];
            for (var i = 0; i < addresses.Length; i++) addresses[i] = Derive(peerIds[i]);
            return addresses;
        }
    }

    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    private static void Generate(string path, int entries)
    {
        var random = new Random(20241120);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("address,amount\n");
        Span<byte> address = stackalloc byte[32];
        for (var i = 0; i < entries; i++)
        {
            random.NextBytes(address);
            // Whole QUIL with up to nine decimals, like the retro files' rewards.
            var whole = random.Next(0, 200_000);
            var fraction = random.Next(0, 1_000_000_000);
            writer.Write("0x");
            writer.Write(Convert.ToHexStringLower(address));
            writer.Write(',');
            writer.Write(whole == 0 && fraction == 0 ? "1" : string.Create(CultureInfo.InvariantCulture, $"{whole}.{fraction:D9}"));
            writer.Write('\n');
        }
    }

    private static void GeneratePeers(string path, int count)
    {
        var random = new Random(20240904);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write('[');
        var multihash = new byte[34];
        multihash[0] = 0x12;
        multihash[1] = 0x20;
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(multihash.AsSpan(2));
            writer.Write(i == 0 ? "\n" : ",\n");
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{{\"peerId\":\"{Rollout.Mesh.Identity.Base58.Encode(multihash)}\",\"reward\":\"{random.Next(1, 5000)}.{random.Next(0, 1000):D3}\"}}"));
        }
        writer.Write("\n]\n");
    }

    private static void WriteValues(string path, IReadOnlyList<GenesisAllocation> allocations)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartArray();
        foreach (var allocation in allocations)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(allocation.Address.ToString());
            writer.WriteStringValue(allocation.Units.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndArray();
            if (writer.BytesPending > 1 << 16) writer.Flush();
        }
        writer.WriteEndArray();
    }

    private static JsonDocument RunNode(string valuesFile)
    {
        var start = new ProcessStartInfo("node", ["--max-old-space-size=12288", Path.Combine(RepoPaths.Devchain, "oracles", "merkle-bench.mjs")])
        {
            WorkingDirectory = RepoPaths.Devchain,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(new Dictionary<string, string> { ["valuesFile"] = valuesFile }));
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the JavaScript tree build did not finish in 90 minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"merkle-bench.mjs exited {process.ExitCode}: {stderr.Result}");
        return JsonDocument.Parse(stdout.Result);
    }
}
