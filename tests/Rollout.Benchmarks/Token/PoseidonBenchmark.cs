using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rollout.Mesh.Identity;
using Rollout.TestSupport;
using Rollout.Token.Addressing;

namespace Rollout.Benchmarks.Token;

/// <summary>
/// ops/bench poseidon [--count N] [--anchor-count M] [--scalar]: derives the addresses of N generated peer IDs with
/// <see cref="PoseidonPeerAddressDerivation"/> on every core (with --scalar, one peer at a time on every core,
/// the path of machines without AVX-512, to compare at the same load), and M of them with @iden3/js-crypto in Node
/// (the anchor; at milliseconds per hash it cannot take all N in reasonable time), checks that the first
/// M addresses agree, and prints wall times, hashes per second and the ratios.
/// </summary>
internal static class PoseidonBenchmark
{
    public static int Run(string[] args, TextWriter output)
    {
        var count = 1_000_000;
        int? anchorCount = null;
        var scalar = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length: count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--anchor-count" when i + 1 < args.Length: anchorCount = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--scalar": scalar = true; break;
                default:
                    output.WriteLine("usage: ops/bench poseidon [--count N] [--anchor-count M] [--scalar]");
                    return 2;
            }
        }
        var anchor = Math.Min(count, anchorCount ?? 2_000);

        var peers = GeneratePeers(count, new Random(20240425));
        var derivation = new PoseidonPeerAddressDerivation();
        // The first call derives the width-17 constants (Grain stream and sparse factorisation): time it apart.
        var setup = Stopwatch.StartNew();
        derivation.Derive(peers[0]);
        setup.Stop();

        // CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var all = Stopwatch.StartNew();
        var addresses = scalar ? DeriveAllScalar(derivation, peers) : derivation.DeriveAll(peers);
        all.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var single = Stopwatch.StartNew();
        for (var i = 0; i < anchor; i++) derivation.Derive(peers[i]);
        single.Stop();

        var (jsCount, jsSeconds, mismatches) = RunIden3(peers, addresses, anchor);

        var oursRate = count / all.Elapsed.TotalSeconds;
        var singleRate = anchor / single.Elapsed.TotalSeconds;
        var jsRate = jsCount / jsSeconds;
        var path = scalar || !PoseidonPeerAddressDerivation.UsesVectorLanes ? "scalar, one peer at a time" : "AVX-512, eight peers per batch";
        output.WriteLine($"poseidon hashBytes of peer IDs ({Environment.ProcessorCount} cores, {path})");
        output.WriteLine($"  setup (width-17 constants)       {setup.Elapsed.TotalMilliseconds,10:F1} ms");
        output.WriteLine($"  Rollout DeriveAll, all cores     {count,10} in {all.Elapsed.TotalSeconds,8:F2} s = {oursRate,10:F0} hashes/s");
        output.WriteLine($"  Rollout CPU time per hash        {cpu.TotalMicroseconds / count,10:F1} µs ({cpu.TotalSeconds:F1} s CPU over {all.Elapsed.TotalSeconds:F1} s wall)");
        output.WriteLine($"  Rollout Derive, one core         {anchor,10} in {single.Elapsed.TotalSeconds,8:F2} s = {singleRate,10:F0} hashes/s");
        output.WriteLine($"  @iden3/js-crypto, one core       {jsCount,10} in {jsSeconds,8:F2} s = {jsRate,10:F0} hashes/s");
        output.WriteLine($"  ratio all cores / iden3          {oursRate / jsRate,10:F1}x");
        output.WriteLine($"  ratio one core / iden3           {singleRate / jsRate,10:F1}x");
        output.WriteLine($"  1,000,000 peers at this rate     {1_000_000 / oursRate,10:F1} s (Rollout), {1_000_000 / jsRate,10:F0} s (iden3)");
        output.WriteLine($"  1,000,000 peers, {Environment.ProcessorCount} idle cores     {cpu.TotalSeconds / count * 1_000_000 / Environment.ProcessorCount,10:F1} s (from the CPU time per hash)");
        output.WriteLine($"  addresses differing from iden3   {mismatches,10} of {jsCount}");
        return mismatches == 0 ? 0 : 1;
    }

    private static QuilAddress[] DeriveAllScalar(PoseidonPeerAddressDerivation derivation, PeerId[] peers)
    {
        var addresses = new QuilAddress[peers.Length];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, peers.Length, 4096), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++) addresses[i] = derivation.Derive(peers[i]);
        });
        return addresses;
    }

    // Alternates the two forms Quilibrium's peers have: SHA2-256 ("Qm...", Ed448 keys) and identity Ed25519 ("12D3KooW...").
    private static PeerId[] GeneratePeers(int count, Random random)
    {
        var peers = new PeerId[count];
        for (var i = 0; i < count; i++)
        {
            var sha = i % 2 == 0;
            var multihash = new byte[sha ? 34 : 38];
            if (sha) (multihash[0], multihash[1]) = (PeerId.Sha256Code, 32);
            else new byte[] { 0x00, 0x24, 0x08, 0x01, 0x12, 0x20 }.CopyTo(multihash, 0);
            random.NextBytes(multihash.AsSpan(sha ? 2 : 6));
            if (!PeerId.TryFromMultihash(multihash, out var peer, out var error)) throw new InvalidOperationException(error);
            peers[i] = peer!;
        }
        return peers;
    }

    /// <summary>Derives the first <paramref name="anchor"/> peers' addresses with @iden3/js-crypto; its time and how many differ from ours.</summary>
    internal static (int Count, double Seconds, int Mismatches) RunIden3(IReadOnlyList<PeerId> peers, IReadOnlyList<QuilAddress> ours, int anchor)
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "multihashes.txt");
        var outputPath = Path.Combine(temp.Path, "hashes.txt");
        File.WriteAllLines(input, peers.Take(anchor).Select(p => Convert.ToHexStringLower(p.Multihash)));
        var request = JsonSerializer.Serialize(new { input, output = outputPath });
        using var answer = JsonDocument.Parse(NodeOracle.Run("poseidon-bench.mjs", request, TimeSpan.FromHours(1)));
        var count = answer.RootElement.GetProperty("count").GetInt32();
        var seconds = answer.RootElement.GetProperty("elapsedMs").GetDouble() / 1000;
        var theirs = File.ReadAllLines(outputPath);
        var mismatches = theirs.Where((hex, i) => QuilAddress.Parse(hex) != ours[i]).Count() + Math.Abs(anchor - theirs.Length);
        return (count, seconds, mismatches);
    }
}
