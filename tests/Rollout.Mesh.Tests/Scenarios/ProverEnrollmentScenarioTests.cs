using Rollout.Mesh.Scenarios;
using Xunit.Abstractions;

namespace Rollout.Mesh.Tests.Scenarios;

public sealed class ProverEnrollmentScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void Up_to_date_provers_shard_out_at_the_subshard_threshold()
    {
        var report = Run(new ScenarioSettings { Peers = 200, Provers = 150, SubshardThreshold = 8 });
        Assert.True(report.Passed);
        Assert.Equal(150, report.Figures["enrolled"]);
        Assert.Equal(0, report.Figures["observers_disagreeing"]);
        Assert.True(report.Figures["deepest_shard"] >= 2);
        Assert.True(report.Figures["largest_shard"] <= 9);
        Assert.Equal(0, report.Figures["shards_below_unfilled_parent"]);
    }

    [Fact]
    public void Provers_missing_slot_updates_are_detected_and_name_pe1_and_the_war_room()
    {
        var report = Run(new ScenarioSettings { Peers = 200, Provers = 150, SubshardThreshold = 8, StaleProvers = 30 });
        Assert.False(report.Passed);
        Assert.True(report.Figures["missed_slot_updates"] > 0);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal("PE-1", diagnosis.CauseId);
        Assert.Contains("war room", diagnosis.Resolution, StringComparison.Ordinal);
    }

    private ScenarioReport Run(ScenarioSettings settings)
    {
        var report = ProverEnrollmentScenario.Run(settings);
        output.WriteLine(report.ToJson());
        return report;
    }
}
