using System.Globalization;
using Rollout.Mesh.Scenarios;

namespace Rollout.Deployer.Cli.Mesh;

/// <summary>The human summary of a scenario report: verdict, criterion, figures, and each diagnosed cause with its resolution.</summary>
internal static class MeshReportView
{
    public static void Write(ScenarioReport report, TextWriter output)
    {
        var p = report.Population;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Scenario}: {(report.Passed ? "PASS" : "FAIL")} ({p.Peers:N0} peers, {p.Relays} relays, {p.Bootstraps} bootstraps, seed {p.Seed})"));
        output.WriteLine($"criterion: {report.Criterion}");
        foreach (var (name, value) in report.Figures) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-34} {value:#,0.###}"));
        foreach (var trial in report.Sweep)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  watermark {trial.HighWater,7:N0}: reached {trial.Reached:N0}/{trial.Peers:N0}, in mesh {trial.InMesh:N0}, refusals {trial.Refusals:N0}{(trial.Served ? ", served" : "")}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulation: {report.Engine.Events:N0} events, {report.Engine.VirtualSeconds:F1} virtual s, trace {report.Engine.TraceHash}"));
        foreach (var d in report.Diagnoses)
        {
            output.WriteLine($"cause {d.CauseId}: {d.Cause}");
            output.WriteLine($"  evidence: {d.Evidence}");
            output.WriteLine($"  resolution: {d.Resolution}");
        }
    }
}
