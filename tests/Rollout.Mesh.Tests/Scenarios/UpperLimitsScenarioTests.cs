using Rollout.Mesh.Scenarios;
using Xunit.Abstractions;

namespace Rollout.Mesh.Tests.Scenarios;

public sealed class UpperLimitsScenarioTests(ITestOutputHelper output)
{
    private static readonly ScenarioSettings Small = new() { Peers = 300, Relays = 2, Bootstraps = 2 };

    [Fact]
    public void The_sweep_finds_a_breaking_watermark_that_serves_ten_times_the_peers_within_the_safe_bound()
    {
        var report = Run(Small);
        Assert.True(report.Passed);
        var breaking = report.Figures["breaking_point_high_watermark"];
        Assert.True(breaking > 0);
        Assert.Contains(report.Sweep, t => t.Served && t.HighWater == breaking);
        Assert.All(report.Sweep.Where(t => t.HighWater < breaking), t => Assert.False(t.Served));
        // The extrapolation is measured: ten times the peers, joined at ten times the breaking watermark, are all served.
        Assert.Equal(1, report.Figures["confirmed_at_multiple"]);
        var confirmation = report.Sweep[^1];
        Assert.Equal((3_000, (int)breaking * 10, true), (confirmation.Peers, confirmation.HighWater, confirmation.Served));
    }

    [Fact]
    public void A_multiple_too_large_to_simulate_stays_an_extrapolation_and_says_so()
    {
        var report = Run(Small with { UpperLimitsConfirmPeers = 1_000 });
        Assert.True(report.Passed);
        Assert.Equal(-1, report.Figures["confirmed_at_multiple"]);
        Assert.All(report.Sweep, t => Assert.Equal(300, t.Peers));
    }

    [Fact]
    public void A_safe_bound_below_ten_times_the_breaking_point_names_ul2_and_adding_bootstraps()
    {
        var report = Run(Small with { MaxSafeWatermark = 400 });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("UL-2", diagnosis.CauseId);
        Assert.Equal("add more bootstraps", diagnosis.Resolution);
    }

    [Fact]
    public void Peers_that_reach_bootstraps_without_px_records_stay_out_of_the_mesh_and_name_ul1()
    {
        var report = Run(Small with { PrunePeers = 0, WatermarkSweep = [400] });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("UL-1", diagnosis.CauseId);
        Assert.Equal("add more bootstraps", diagnosis.Resolution);
    }

    private ScenarioReport Run(ScenarioSettings settings)
    {
        var report = UpperLimitsScenario.Run(settings);
        output.WriteLine(report.ToJson());
        return report;
    }
}
