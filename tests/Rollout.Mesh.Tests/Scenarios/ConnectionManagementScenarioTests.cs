using Rollout.Mesh.Connections;
using Rollout.Mesh.Scenarios;
using Xunit.Abstractions;

namespace Rollout.Mesh.Tests.Scenarios;

public sealed class ConnectionManagementScenarioTests(ITestOutputHelper output)
{
    // One bootstrap, 600 peers arriving at 5 a second for two minutes: longer than the one-minute grace period.
    private static readonly ScenarioSettings Steady = new()
    {
        Peers = 600, Relays = 2, Bootstraps = 1, WaveSize = 10, WaveInterval = TimeSpan.FromSeconds(2),
        BootstrapLowWater = 400, BootstrapHighWater = 450,
    };

    [Fact]
    public void The_seed_trim_order_keeps_the_bootstrap_under_its_high_watermark()
    {
        var report = Run(Steady);
        Assert.True(report.Passed);
        Assert.Equal(0, report.Figures["breaches"]);
        Assert.True(report.Figures["bootstrap_peak_connections"] <= 450);
    }

    [Fact]
    public void The_libp2p_trim_order_keeps_dead_connections_and_names_cm2_and_the_seed_order()
    {
        // Arrivals a third slower: the breach comes later, when more of the bootstrap's connections are past their grace period.
        var report = Run(Steady with { BootstrapTrimOrder = TrimOrder.GoLibp2p, WaveInterval = TimeSpan.FromSeconds(3) });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("CM-2", diagnosis.CauseId);
        Assert.Equal("trim by stream count high to low, with zero-stream connections first of all", diagnosis.Resolution);
    }

    [Fact]
    public void Too_low_a_watermark_for_the_arrival_rate_names_cm1_and_raising_the_watermark()
    {
        var report = Run(Steady with { BootstrapLowWater = 150, BootstrapHighWater = 200 });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("CM-1", diagnosis.CauseId);
        Assert.Equal("raise the high watermark as far as is safe", diagnosis.Resolution);
    }

    [Fact]
    public void A_soft_watermark_counts_being_exceeded_as_a_breach()
    {
        var report = Run(Steady with { BootstrapHardHighWater = false, BootstrapLowWater = 150, BootstrapHighWater = 200 });
        Assert.False(report.Passed);
        Assert.Equal(0, report.Figures["refusals"]);
        Assert.True(report.Figures["bootstrap_peak_connections"] > 200);
    }

    private ScenarioReport Run(ScenarioSettings settings)
    {
        var report = ConnectionManagementScenario.Run(settings);
        output.WriteLine(report.ToJson());
        return report;
    }
}
