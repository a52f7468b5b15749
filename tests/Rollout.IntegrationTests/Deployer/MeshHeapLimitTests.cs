namespace Rollout.IntegrationTests.Deployer;

// A real process: a heap cap is the whole process's, too small a one would starve a test host's other tests.
public sealed class MeshHeapLimitTests
{
    [Fact]
    public void A_run_that_outgrows_its_heap_cap_exits_two_naming_the_option_and_writes_no_report()
    {
        var json = Path.Combine(Path.GetTempPath(), $"rollout-heap-limit-{Guid.NewGuid():N}.json");

        var (code, output, error) = RolloutProcess.Run(null, "mesh", "simulate", "--scenario", "peer-exchange", "--peers", "20000", "--heap-limit-gib", "0.25", "--json", json);

        Assert.True(code == 2, $"exit {code}: {output}{error}");
        Assert.Contains("--heap-limit-gib: the run outgrew the heap cap of 0.25 GiB; raise the cap or leave it out", error, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }
}
