using Rollout.Mesh.Scenarios;
using Xunit.Abstractions;

namespace Rollout.Mesh.Tests.Scenarios;

public sealed class ProverEnrollmentScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void Up_to_date_provers_shard_out_at_the_subshard_threshold()
    {
        var report = Run(new ScenarioSettings { Provers = 600, SubshardThreshold = 16 });
        Assert.True(report.Passed);
        Assert.Equal(600, report.Figures["enrolled"]);
        Assert.True(report.Figures["deepest_shard"] >= 2);
        Assert.True(report.Figures["largest_shard"] <= 17);
        Assert.Equal(0, report.Figures["shards_below_unfilled_parent"]);
    }

    [Fact]
    public void Provers_missing_slot_updates_are_detected_and_name_pe1_and_the_war_room()
    {
        var report = Run(new ScenarioSettings { Provers = 600, SubshardThreshold = 16, StaleProvers = 120 });
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
