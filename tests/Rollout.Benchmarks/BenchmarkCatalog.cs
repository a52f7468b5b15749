namespace Rollout.Benchmarks;

/// <summary>
/// The named benchmarks behind <c>ops/bench NAME</c>. Each measures Rollout against a named anchor
/// in the same run and reports the ratio; none runs as part of the test suite.
/// </summary>
internal static class BenchmarkCatalog
{
    private static readonly Dictionary<string, Func<string[], TextWriter, int>> Benchmarks = new(StringComparer.Ordinal)
    {
        ["poseidon"] = Token.PoseidonBenchmark.Run,
        ["poseidon-field"] = Token.PoseidonFieldBenchmark.Run,
        ["token"] = Token.GenesisBenchmark.Run,
        ["mesh-engine"] = Mesh.MeshEngineBenchmark.Run,
        ["mesh"] = Mesh.MeshScenarioBenchmark.Run,
    };

    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var benchmark))
        {
            output.WriteLine(Benchmarks.Count == 0
                ? "no benchmarks are built yet"
                : "usage: ops/bench " + string.Join('|', Benchmarks.Keys.Order()) + " [options]");
            return 2;
        }
        return benchmark(args[1..], output);
    }
}
