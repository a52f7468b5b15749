using System.Globalization;
using Rollout.Deployer.Rollout;
using Spectre.Console;

namespace Rollout.Deployer.Cli;

/// <summary>Renders a <see cref="DeploymentStatus"/> as a Spectre.Console table, plain text (no colour codes) into any writer.</summary>
internal static class StatusView
{
    public static void Write(DeploymentStatus status, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;
        output.WriteLine($"deployment {status.DeploymentId}: {status.State}{(status.InterruptedStep is null ? "" : $" (interrupted inside {status.InterruptedStep})")}");
        output.WriteLine($"plan v{status.PlanVersion} sha256 {status.PlanSha256}; journal head #{status.HeadSeq} {status.HeadHash}");
        var table = new Table().Border(TableBorder.Ascii);
        foreach (var column in new[] { "stage", "step", "result", "runs", "cause", "started", "took", "detail" }) table.AddColumn(column);
        foreach (var s in status.Steps)
        {
            table.AddRow(
                s.Stage.ToString(CultureInfo.InvariantCulture),
                s.Step.ToString(),
                s.Step == status.Focus ? $"{s.Result} ({status.State.ToString().ToLowerInvariant()})" : s.Result,
                s.Attempts.ToString(CultureInfo.InvariantCulture),
                s.CauseCode ?? "",
                s.StartedAt ?? "",
                s.Duration is { } d ? $"{(long)d.TotalMilliseconds} ms" : "",
                Markup.Escape(Shorten(s.Detail ?? "", 60)));
        }
        console.Write(table);
        output.WriteLine(status.Pending.Count == 0 ? "pending: nothing" : "pending: " + string.Join(", ", status.Pending));
        output.WriteLine("operator must decide: " + (status.OperatorMustDecide ?? "nothing"));
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
