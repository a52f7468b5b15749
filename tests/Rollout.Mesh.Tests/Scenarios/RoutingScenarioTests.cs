using Rollout.Mesh.Roles;
using Rollout.Mesh.Scenarios;
using Xunit.Abstractions;

namespace Rollout.Mesh.Tests.Scenarios;

public sealed class RoutingScenarioTests(ITestOutputHelper output)
{
    private static readonly ScenarioSettings Small = new() { Peers = 500, Bootstraps = 2, Messages = 20 };

    [Fact]
    public void The_default_configuration_delivers_every_message_to_every_subscriber_within_its_ttl()
    {
        var report = Run(Small);
        Assert.True(report.Passed);
        Assert.Equal(20 * 504, report.Figures["deliveries_on_time"]);
        Assert.Equal(0, report.Figures["messages_lost"]);
        // Messages go out into a settled network: the light peers' managers have trimmed the join's PX surplus.
        Assert.InRange(report.Figures["light_connections_mean"], 1, RoleProfile.LightPeer.Connections.HighWater);
    }

    [Fact]
    public void A_run_ends_once_every_message_reached_every_subscriber_and_waits_out_the_drain_otherwise()
    {
        // The same join either way: the loss starts with the messages.
        var clean = Run(Small);
        var lossy = Run(Small with { PublishLoss = 0.9 });
        Assert.True(clean.Passed);
        Assert.False(lossy.Passed);
        // The lossy run waits the whole drain (4 s after the last message) so late and never are told
        // apart; the clean one stops soon after the last message's last copy.
        Assert.True(lossy.Engine.VirtualSeconds - clean.Engine.VirtualSeconds >= 3,
            $"clean run ended at {clean.Engine.VirtualSeconds} s, lossy at {lossy.Engine.VirtualSeconds} s");
    }

    [Fact]
    public void A_sparse_mesh_on_lossy_links_names_rs1_and_raising_the_density_targets()
    {
        var report = Run(Small with { D = 1, Dlo = 1, Dhi = 2, Loss = 0.2 });
        Assert.False(report.Passed);
        Assert.Contains(report.Diagnoses, d => d.CauseId == "RS-1" && d.Resolution == "raise the default density targets (D, Dlo, Dhi)");
    }

    [Fact]
    public void A_slow_gossip_heartbeat_when_links_turn_lossy_names_rs2_and_raising_the_heartbeat()
    {
        var report = Run(Small with { Heartbeat = TimeSpan.FromSeconds(4), PublishLoss = 0.5 });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("RS-2", diagnosis.CauseId);
        Assert.Equal("raise the gossip heartbeat frequency", diagnosis.Resolution);
    }

    [Fact]
    public void Drops_unrelated_to_the_mesh_settings_name_rs3_and_the_trace_logs()
    {
        // Light peers whose uplink queue holds control messages but not one data message: a transport fault, not BlossomSub tuning.
        var report = Run(Small with { LightQueueLimit = 3_500, PayloadBytes = 4_096 });
        Assert.False(report.Passed);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("RS-3", diagnosis.CauseId);
        Assert.Equal("review the trace logs and address the cause", diagnosis.Resolution);
    }

    [Fact]
    public void An_oversaturated_relay_names_rs4_and_adding_relays()
    {
        var report = Run(Small with { PublishThroughRelays = true, RelayUplink = 10_000, RelayQueueLimit = 20_000, PublishInterval = TimeSpan.FromMilliseconds(10) });
        Assert.False(report.Passed);
        Assert.Contains(report.Diagnoses, d => d.CauseId == "RS-4" && d.Resolution.StartsWith("temporarily add relays", StringComparison.Ordinal));
    }

    private ScenarioReport Run(ScenarioSettings settings)
    {
        var report = RoutingScenario.Run(settings);
        output.WriteLine(report.ToJson());
        return report;
    }
}
