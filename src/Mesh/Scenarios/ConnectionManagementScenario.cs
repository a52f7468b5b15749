using System.Globalization;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// Stage 1, Connection Management: peers join through the bootstraps in waves. Pass when no
/// bootstrap's high watermark is ever breached: its count never exceeds the high watermark, and
/// (with the 2.0 build's hard bound) no connection is refused at it, which is the same spike held off.
/// </summary>
public static class ConnectionManagementScenario
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "connection-management";

    /// <summary>The share of dead, trimmable connections at the first breach above which the breach is blamed on dead connections.</summary>
    public const double DeadShareThreshold = 0.25;

    /// <summary>Runs the joins and applies the criterion.</summary>
    public static ScenarioReport Run(ScenarioSettings settings, Action<SimulationProgress>? progress = null)
    {
        var population = PeerExchangeScenario.Join(settings, progress);
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["high_watermark"] = settings.BootstrapHighWater,
            ["low_watermark"] = settings.BootstrapLowWater,
            ["bootstrap_peak_connections"] = population.BootstrapPeak.Max(),
            ["breaches"] = population.WatermarkBreaches,
            ["refusals"] = population.Refusals,
            ["first_breach_open"] = population.FirstBreach?.Open ?? 0,
            ["first_breach_dead_past_grace"] = population.FirstBreach?.DeadPastGrace ?? 0,
        };
        var passed = population.WatermarkBreaches == 0;
        var diagnoses = new List<Diagnosis>();
        if (!passed && population.FirstBreach is { } breach)
        {
            var share = breach.Open == 0 ? 0 : (double)breach.DeadPastGrace / breach.Open;
            var evidence = string.Create(CultureInfo.InvariantCulture,
                $"high watermark {settings.BootstrapHighWater} breached {population.WatermarkBreaches} times (refusals {population.Refusals}); at the first breach {breach.DeadPastGrace} of {breach.Open} connections were dead (no streams, silent, past grace)");
            diagnoses.Add(MeshCause.Diagnose(share >= DeadShareThreshold ? "CM-2" : "CM-1", evidence));
        }
        return new ScenarioReport
        {
            Scenario = Name,
            Criterion = "the bootstraps' high watermark is never breached",
            Passed = passed,
            Population = ScenarioRun.Who(settings),
            Figures = figures,
            Diagnoses = diagnoses,
            Engine = ScenarioRun.Stats(population),
        };
    }
}
