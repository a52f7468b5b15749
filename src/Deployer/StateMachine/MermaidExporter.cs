using System.Text;

namespace Rollout.Deployer.StateMachine;

/// <summary>Draws a machine as a Mermaid <c>stateDiagram-v2</c>, superstates as composite states.</summary>
public static class MermaidExporter
{
    /// <summary>Returns the diagram text.</summary>
    public static string Export<TState, TTrigger>(MachineGraph<TState, TTrigger> graph)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var text = new StringBuilder("stateDiagram-v2\n");
        text.Append($"    [*] --> {graph.Initial}\n");
        WriteStates(graph, null, text, 1);
        foreach (var edge in graph.Edges.Where(e => e.Destination is not null))
        {
            text.Append($"    {edge.Source} --> {edge.Destination} : {Escape(edge.Label)}\n");
        }
        // A dynamic transition has no fixed target to draw an arrow to: one note per state says where each goes.
        foreach (var group in graph.Edges.Where(e => e.Destination is null).GroupBy(e => e.Source))
        {
            var lines = group.Select(e => $"{e.Label} re-enters {e.DynamicDescription ?? "a chosen state"}");
            text.Append($"    note right of {group.Key} : {Escape(string.Join(" / ", lines))}\n");
        }
        foreach (var state in graph.States.Where(s => s.IsFinal)) text.Append($"    {state.State} --> [*]\n");
        return text.ToString();
    }

    private static void WriteStates<TState, TTrigger>(MachineGraph<TState, TTrigger> graph, TState? parent, StringBuilder text, int depth)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var indent = new string(' ', depth * 4);
        foreach (var state in graph.ChildrenOf(parent))
        {
            if (graph.IsComposite(state.State))
            {
                text.Append($"{indent}state {state.State} {{\n");
                WriteStates(graph, state.State, text, depth + 1);
                text.Append($"{indent}}}\n");
            }
            else
            {
                text.Append($"{indent}{state.State}\n");
            }
            if (state.Description is not null) text.Append($"{indent}{state.State} : {Escape(state.Description)}\n");
        }
    }

    /// <summary>A colon or semicolon would end a Mermaid label early; labels stay on one line.</summary>
    private static string Escape(string label) => label.Replace(':', ',').Replace(';', ',').Replace('\n', ' ');
}
