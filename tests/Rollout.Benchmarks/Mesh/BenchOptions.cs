using System.Globalization;

namespace Rollout.Benchmarks.Mesh;

/// <summary>The options of <c>ops/bench mesh-engine</c>.</summary>
internal readonly record struct BenchOptions(int Nodes, int InFlightPerNode, long Events, ulong Seed)
{
    public static BenchOptions? Parse(string[] args, TextWriter output)
    {
        var options = new BenchOptions(200_000, 5, 20_000_000, 1);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--nodes" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0:
                    options = options with { Nodes = n };
                    break;
                case "--in-flight-per-node" when int.TryParse(value, CultureInfo.InvariantCulture, out var k) && k > 0:
                    options = options with { InFlightPerNode = k };
                    break;
                case "--events" when long.TryParse(value, CultureInfo.InvariantCulture, out var e) && e > 0:
                    options = options with { Events = e };
                    break;
                case "--seed" when ulong.TryParse(value, CultureInfo.InvariantCulture, out var s):
                    options = options with { Seed = s };
                    break;
                default:
                    output.WriteLine($"mesh-engine: bad option {args[i]} {value}; usage: [--nodes N] [--in-flight-per-node K] [--events E] [--seed S]");
                    return null;
            }
        }
        if (args.Length % 2 != 0)
        {
            output.WriteLine($"mesh-engine: option {args[^1]} has no value");
            return null;
        }
        return options;
    }
}
