using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Rollout;
using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Cli;

/// <summary>The read-only verbs: <c>status</c>, <c>journal</c>, <c>graph</c>.</summary>
internal static class InspectionCommands
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static IEnumerable<Command> Create(TextWriter output) => [Status(output), JournalCommand(output), Graph(output)];

    private static Command Status(TextWriter output)
    {
        var deployment = DeploymentOptions.Deployment(required: true);
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var home = DeploymentOptions.Home();
        var command = new Command("status", "Show a deployment: its state, each check with result and timing, what is pending, what the operator must decide") { deployment, json, home };
        command.SetAction(parse =>
        {
            using var journal = DeploymentJournal.OpenReadOnly(Path.GetFullPath(parse.GetValue(home)!), parse.GetValue(deployment)!, TimeProvider.System);
            var status = DeploymentStatus.Read(journal);
            if (parse.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(status, Json));
            else StatusView.Write(status, output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command JournalCommand(TextWriter output)
    {
        var deployment = DeploymentOptions.Deployment(required: true);
        var json = new Option<bool>("--json") { Description = "Print the events as JSON" };
        var home = DeploymentOptions.Home();
        var command = new Command("journal", "Verify a deployment's journal and print its events in order") { deployment, json, home };
        command.SetAction(parse =>
        {
            using var journal = DeploymentJournal.OpenReadOnly(Path.GetFullPath(parse.GetValue(home)!), parse.GetValue(deployment)!, TimeProvider.System);
            var events = journal.Events();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(events, Json));
                return ExitCodes.Success;
            }
            foreach (var e in events) output.WriteLine($"#{e.Seq,-4} {e.At}  {e.Kind,-24} {e.Payload}  {e.Hash[..12]}");
            output.WriteLine($"chain verified: {events.Count} events, head #{journal.Head!.Seq} {journal.Head.Hash}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Graph(TextWriter output)
    {
        var format = new Option<string>("--format") { Description = "mermaid or dot", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var deployment = DeploymentOptions.Deployment(required: false);
        deployment.Description = "Mark this deployment's current state";
        var home = DeploymentOptions.Home();
        var command = new Command("graph", "Draw the rollout state machine") { format, deployment, home };
        command.SetAction(parse =>
        {
            var graph = RolloutMachine.Graph();
            var dot = parse.GetValue(format) == "dot";
            var text = dot ? DotExporter.Export(graph, "rollout") : MermaidExporter.Export(graph);
            if (parse.GetValue(deployment) is { } id)
            {
                using var journal = DeploymentJournal.OpenReadOnly(Path.GetFullPath(parse.GetValue(home)!), id, TimeProvider.System);
                var state = DeploymentStatus.Read(journal).State;
                text = dot
                    ? text[..text.LastIndexOf('}')] + $"    \"{state}\" [style=\"rounded,filled\", fillcolor=\"#ffcc80\"];\n}}\n"
                    : text + $"    classDef current fill:#ffcc80\n    class {state} current\n";
            }
            output.Write(text);
            return ExitCodes.Success;
        });
        return command;
    }
}
