using System.Globalization;
using Rollout.Mesh.Simulation;

namespace Rollout.Mesh.Scenarios;

/// <summary>
/// Stage 1, Upper Limits: the join run repeated at a sweep of bootstrap high watermarks (low
/// watermark at 80 %), each trial recording how many peers reached a bootstrap and made it into the
/// mesh. The breaking point is the lowest watermark at which every peer was served. Fails when 10×
/// (<see cref="ScenarioSettings.PeerMultiple"/>)
/// the current peer count cannot be served: the watermark that needs, the breaking point scaled by
/// that multiple (a bootstrap's connections grow with the peers that pass through it), is above the highest
/// safe watermark, or no watermark in the sweep served the peers at all. Where the multiplied population is
/// small enough to simulate (<see cref="ScenarioSettings.UpperLimitsConfirmPeers"/>), the extrapolation is
/// measured: that population joins at the watermark it needs and must all be served.
/// </summary>
public static class UpperLimitsScenario
{
    /// <summary>The scenario's name.</summary>
    public const string Name = "upper-limits";

    /// <summary>Runs the sweep.</summary>
    public static ScenarioReport Run(ScenarioSettings settings, Action<SimulationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var perBootstrap = Math.Max(1, (settings.Peers + settings.Relays) / settings.Bootstraps);
        IReadOnlyList<int> sweep = settings.WatermarkSweep.Count > 0
            ? settings.WatermarkSweep
            : [.. new[] { 4, 2, 1 }.Select(d => Math.Max(8, perBootstrap / d)).Concat(new[] { 2, 4, 8, 16 }.Select(m => perBootstrap * m)).Distinct()];
        var trials = new List<WatermarkTrial>();
        long events = 0;
        ulong trace = 0;
        foreach (var high in sweep.Where(w => w <= settings.MaxSafeWatermark).Order())
        {
            var trial = Trial(settings, settings.Peers, high, progress, ref events, ref trace);
            trials.Add(trial);
            // Higher watermarks only serve more: stop at the first that serves everyone.
            if (trial.Served) break;
        }
        var breaking = trials.FirstOrDefault(t => t.Served)?.HighWater;
        var needed = breaking is { } b ? (long)b * settings.PeerMultiple : long.MaxValue;
        var passed = needed <= settings.MaxSafeWatermark;
        // The extrapolation measured: where the multiple of the peers is small enough to simulate, run it at the watermark it needs.
        var multiplied = (long)settings.Peers * settings.PeerMultiple;
        WatermarkTrial? confirmation = null;
        if (passed && settings.PeerMultiple > 1 && multiplied <= settings.UpperLimitsConfirmPeers)
        {
            confirmation = Trial(settings, (int)multiplied, (int)needed, progress, ref events, ref trace);
            trials.Add(confirmation);
            passed = confirmation.Served;
        }
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["peers"] = settings.Peers,
            ["bootstraps"] = settings.Bootstraps,
            ["breaking_point_high_watermark"] = breaking ?? -1,
            ["peer_multiple"] = settings.PeerMultiple,
            ["watermark_needed"] = breaking is null ? -1 : needed,
            ["max_safe_watermark"] = settings.MaxSafeWatermark,
            ["trials"] = trials.Count,
            ["confirmed_at_multiple"] = confirmation is null ? -1 : confirmation.Served ? 1 : 0,
        };
        var diagnoses = new List<Diagnosis>();
        if (!passed)
        {
            var worst = confirmation ?? (trials.Count == 0 ? null : trials[^1]);
            if (worst is not null && !worst.Served && worst.Reached == worst.Peers)
            {
                diagnoses.Add(MeshCause.Diagnose("UL-1", string.Create(CultureInfo.InvariantCulture,
                    $"at watermark {worst.HighWater} every peer reached a bootstrap but only {worst.InMesh} of {worst.Peers} made it into the mesh")));
            }
            else
            {
                var evidence = confirmation is not null
                    ? string.Create(CultureInfo.InvariantCulture, $"{settings.PeerMultiple}x the peers ({confirmation.Peers}) at the watermark that should serve them ({confirmation.HighWater}): only {confirmation.Reached} reached a bootstrap ({confirmation.Refusals} refusals)")
                    : breaking is null
                    ? string.Create(CultureInfo.InvariantCulture, $"no watermark up to {settings.MaxSafeWatermark} served {settings.Peers} peers: at {worst?.HighWater} only {worst?.Reached} reached a bootstrap ({worst?.Refusals} refusals)")
                    : string.Create(CultureInfo.InvariantCulture, $"{settings.Peers} peers need a watermark of {breaking}; {settings.PeerMultiple}x needs about {needed}, above the safe {settings.MaxSafeWatermark}, so the watermark would be constantly saturated");
                diagnoses.Add(MeshCause.Diagnose("UL-2", evidence));
            }
        }
        return new ScenarioReport
        {
            Scenario = Name,
            Criterion = string.Create(CultureInfo.InvariantCulture, $"find the breaking watermark; the bootstraps must be able to serve {settings.PeerMultiple}x the current peer count"),
            Passed = passed,
            Population = ScenarioRun.Who(settings),
            Figures = figures,
            Diagnoses = diagnoses,
            Engine = new ScenarioEngineStats(events, 0, trace.ToString("x16", CultureInfo.InvariantCulture)),
            Sweep = trials,
        };
    }

    // One join run of `peers` light peers at bootstrap high watermark `high` (low at 80 %).
    private static WatermarkTrial Trial(ScenarioSettings settings, int peers, int high, Action<SimulationProgress>? progress, ref long events, ref ulong trace)
    {
        var trialSettings = settings with
        {
            Peers = peers,
            BootstrapHighWater = high,
            BootstrapLowWater = high * 4 / 5,
            BootstrapAttempts = Math.Max(settings.BootstrapAttempts, settings.Bootstraps),
        };
        var population = PeerExchangeScenario.Join(trialSettings, progress);
        int reached = 0, inMesh = 0;
        for (var id = population.LightRange.First; id < population.LightRange.End; id++)
        {
            if (population.BootstrapConnectedAt[id] >= 0) reached++;
            if (population.NodeAt(id).Node is { } node && node.Router.MeshPeers(population.Topic).Count > 0) inMesh++;
        }
        events += population.Engine.EventsProcessed;
        trace = unchecked((trace * 31) + population.Engine.TraceHash);
        return new WatermarkTrial(high, peers, reached, inMesh, population.Refusals, reached == peers && inMesh == peers);
    }
}
