using Rollout.Mesh.Scenarios;
using Xunit.Abstractions;

namespace Rollout.Mesh.Tests.Scenarios;

public sealed class PeerExchangeScenarioTests(ITestOutputHelper output)
{
    private static readonly ScenarioSettings Small = new() { Peers = 600, Bootstraps = 2 };

    [Fact]
    public void The_default_configuration_prunes_every_peer_with_px_within_three_heartbeats()
    {
        var report = Run(Small);
        Assert.True(report.Passed);
        Assert.Empty(report.Diagnoses);
        Assert.Equal(600, report.Figures["pruned_with_px"] + report.Figures["meshed_before_px"]);
        Assert.True(report.Figures["pruned_with_px"] > 300);
        Assert.True(report.Figures["stay_max_ms"] <= 3000);
    }

    [Fact]
    public void Too_slow_a_heartbeat_fails_and_names_px1_and_raising_the_heartbeat()
    {
        var report = Run(Small with { Heartbeat = TimeSpan.FromSeconds(6) });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("PX-1", diagnosis.CauseId);
        Assert.Equal("raise the heartbeat frequency", diagnosis.Resolution);
    }

    [Fact]
    public void Oversized_prune_messages_on_a_narrow_uplink_fail_and_name_px2_and_adding_bootstraps()
    {
        var report = Run(Small with { PrunePeers = 400, BootstrapUplink = 200_000 });
        Assert.False(report.Passed);
        Assert.Contains(report.Diagnoses, d => d.CauseId == "PX-2" && d.Resolution == "add more bootstraps");
        Assert.DoesNotContain(report.Diagnoses, d => d.CauseId == "PX-1");
    }

    [Fact]
    public void Too_low_a_watermark_fails_and_names_px3_and_raising_the_watermark()
    {
        var report = Run(Small with { BootstrapLowWater = 60, BootstrapHighWater = 80 });
        Assert.False(report.Passed);
        Assert.Contains(report.Diagnoses, d => d.CauseId == "PX-3" && d.Resolution == "raise the high watermark as far as is safe");
        Assert.True(report.Figures["bootstrap_refusals"] > 0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_report()
    {
        var settings = new ScenarioSettings { Peers = 200, Bootstraps = 2, Seed = 7 };
        Assert.Equal(PeerExchangeScenario.Run(settings).ToJson(), PeerExchangeScenario.Run(settings).ToJson());
    }

    private ScenarioReport Run(ScenarioSettings settings)
    {
        var report = PeerExchangeScenario.Run(settings);
        output.WriteLine(report.ToJson());
        return report;
    }
}
