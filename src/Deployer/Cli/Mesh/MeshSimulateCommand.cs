using System.CommandLine;
using System.Globalization;
using Rollout.Deployer.Storage;
using Rollout.Mesh.Scenarios;
using Rollout.Mesh.Simulation;
using Spectre.Console;

namespace Rollout.Deployer.Cli.Mesh;

/// <summary>
/// <c>rollout mesh simulate --scenario NAME [--peers N] [--relays N] [--bootstraps N] [--seed N] [--json FILE] [--heap-limit-gib G] ...</c>:
/// runs one of the seed's stage 1/2 tests on the simulator, shows live progress (a Spectre.Console
/// progress display on a terminal, plain lines when output is redirected), prints a summary with the
/// diagnosed causes, and exits 0 on success, 1 on failure, 2 on bad options.
/// </summary>
internal static class MeshSimulateCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new MeshSimulateOptions();
        var command = new Command("simulate", "Run a stage 1/2 mesh test on the simulator and diagnose a failure.");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var scenario = parse.GetValue(options.Scenario)!;
            var settings = options.ToSettings(parse);
            var json = parse.GetValue(options.Json);
            var heapLimit = options.HeapLimitBytes(parse);
            // Refused before a run that may take minutes, not after it.
            if (json is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(json))))
            {
                throw new InvalidDataException($"--json: the folder of {json} does not exist");
            }
            // Large runs chase pointers through gigabytes: huge pages spare most TLB misses (advice only, results unchanged).
            ScenarioReport report;
            using (HugePages.Start())
            using (heapLimit is { } bytes ? HeapLimit.Apply(bytes) : null)
            {
                try
                {
                    report = RunWithProgress(scenario, settings, output);
                }
                catch (Exception e) when (heapLimit is not null && HeapLimit.IsExhaustion(e))
                {
                    // The cap, not the machine, ran out: a setting too small for this run, so nothing is written.
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"--heap-limit-gib: the run outgrew the heap cap of {parse.GetValue(options.HeapLimitGiB)} GiB; raise the cap or leave it out"), e);
                }
            }
            if (json is not null) AtomicFile.WriteAllText(json, report.ToJson());
            MeshReportView.Write(report, output);
            return report.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static ScenarioReport RunWithProgress(string scenario, ScenarioSettings settings, TextWriter output)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            ScenarioReport? report = null;
            AnsiConsole.Progress().AutoClear(true).Start(context =>
            {
                var task = context.AddTask(scenario);
                task.IsIndeterminate = true;
                report = MeshScenarios.Run(scenario, settings, p => task.Description = Line(scenario, p));
                task.StopTask();
            });
            return report!;
        }
        var lastWall = TimeSpan.Zero;
        return MeshScenarios.Run(scenario, settings, p =>
        {
            // One line every five seconds of wall time is enough for a log.
            if (p.WallTime - lastWall < TimeSpan.FromSeconds(5)) return;
            lastWall = p.WallTime;
            output.WriteLine(Line(scenario, p));
        });
    }

    private static string Line(string scenario, SimulationProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{scenario}: virtual {p.VirtualTime.TotalSeconds:F1} s, {p.PeersOnline:N0} online, {p.EventsProcessed:N0} events, queue {p.QueueLength:N0}, wall {p.WallTime.TotalSeconds:F0} s");
}
