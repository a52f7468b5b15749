using System.Text.Json.Nodes;
using Rollout.Deployer.Cli;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Cli.Mesh;

public sealed class MeshSimulateCommandTests
{
    [Fact]
    public async Task A_passing_scenario_exits_zero_prints_the_summary_and_writes_the_same_json_for_the_same_seed_on_any_thread_count()
    {
        using var dir = new TempDirectory();
        string[] args = ["mesh", "simulate", "--scenario", "peer-exchange", "--peers", "300", "--bootstraps", "2", "--seed", "5"];
        // A heap cap (far above what the test process holds) changes nothing in the report.
        var (code, stdout, _) = await Run([.. args, "--threads", "1", "--heap-limit-gib", "12", "--json", dir.Combine("a.json")]);
        await Run([.. args, "--threads", "2", "--json", dir.Combine("b.json")]);

        Assert.Equal(0, code);
        Assert.Contains("peer-exchange: PASS (300 peers, 5 relays, 2 bootstraps, seed 5)", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(dir.Combine("a.json")), File.ReadAllText(dir.Combine("b.json")));
        Assert.True(JsonNode.Parse(File.ReadAllText(dir.Combine("a.json")))!["passed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_failing_scenario_exits_one_and_names_the_cause_and_its_resolution()
    {
        var (code, stdout, _) = await Run("mesh", "simulate", "--scenario", "peer-exchange", "--peers", "300", "--bootstraps", "2", "--heartbeat-ms", "6000");

        Assert.Equal(1, code);
        Assert.Contains("peer-exchange: FAIL", stdout, StringComparison.Ordinal);
        Assert.Contains("cause PX-1:", stdout, StringComparison.Ordinal);
        Assert.Contains("resolution: raise the heartbeat frequency", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--scenario", "gossip")]
    [InlineData("--peers", "1")]
    [InlineData("--trim-order", "random")]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "65")]
    [InlineData("--heap-limit-gib", "0.1")]
    [InlineData("--heap-limit-gib", "NaN")]
    public async Task Bad_options_exit_two_and_write_nothing(string option, string value)
    {
        using var dir = new TempDirectory();
        string[] args = ["mesh", "simulate", "--scenario", "routing", "--peers", "50", "--json", dir.Combine("r.json")];
        var replaced = option == "--scenario" || option == "--peers"
            ? args.Select((a, i) => i > 0 && args[i - 1] == option ? value : a).ToArray()
            : [.. args, option, value];
        var (code, _, stderr) = await Run(replaced);

        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("r.json")));
    }

    [Fact]
    public async Task A_json_report_into_a_missing_folder_is_refused_before_the_run()
    {
        using var dir = new TempDirectory();
        var target = dir.Combine("missing", "r.json");

        var (code, stdout, stderr) = await Run("mesh", "simulate", "--scenario", "peer-exchange", "--peers", "300", "--bootstraps", "2", "--json", target);

        Assert.Equal(2, code);
        Assert.Contains($"--json: the folder of {target} does not exist", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("peer-exchange:", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
