using System.Text.Json;
using Rollout.Mesh.Simulation;
using Rollout.Mesh.Tests.Simulation.Toys;

namespace Rollout.Mesh.Tests.Simulation;

public sealed class SimulationReportTests
{
    [Fact]
    public void AReport_SummarisesTheRun_AndSurvivesAJsonRoundTrip()
    {
        var engine = new SimulationEngine(77);
        var network = new SimulatedNetwork<ToyMessage>(engine, new LinkTable(LinkProfile.Fixed(TimeSpan.FromMilliseconds(25))));
        var a = new PingPongNode(1, TimeSpan.FromSeconds(1), pings: 3);
        network.StartAt(network.AddNode(NodeClass.Full, a), TimeSpan.Zero);
        network.StartAt(network.AddNode(NodeClass.Full, new PingPongNode(0, TimeSpan.FromSeconds(1), 0)), TimeSpan.Zero);
        var result = engine.RunUntilIdle();

        var report = SimulationReport.Create(engine, result.Reason, network, new Dictionary<string, long> { ["roundTrips"] = a.RoundTrips.Count });
        var json = report.ToJson();
        var back = SimulationReport.FromJson(json);

        Assert.Equal(6, report.MessagesSent);
        Assert.Equal(6, report.MessagesDelivered);
        Assert.Equal(2_050, report.VirtualTimeMilliseconds);
        Assert.Equal(engine.TraceHash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), report.TraceHash);
        Assert.Equal(report with { Metrics = back.Metrics }, back);
        Assert.Equal(3, back.Metrics["roundTrips"]);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("Idle", document.RootElement.GetProperty("stopReason").GetString());
        Assert.Equal(77UL, document.RootElement.GetProperty("seed").GetUInt64());
    }
}
