using System.Text;

namespace Rollout.Deployer.StateMachine;

/// <summary>Draws a machine in Graphviz DOT, superstates as clusters; a superstate's edges leave its cluster.</summary>
public static class DotExporter
{
    /// <summary>Returns the graph text.</summary>
    public static string Export<TState, TTrigger>(MachineGraph<TState, TTrigger> graph, string name)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var text = new StringBuilder($"digraph {Quote(name)} {{\n");
        text.Append("    compound=true;\n    rankdir=TB;\n    node [shape=box, style=rounded];\n");
        text.Append("    __start [shape=point];\n");
        WriteStates(graph, null, text, 1);
        text.Append($"    __start -> {Quote(graph.Initial.ToString())};\n");
        var dynamic = 0;
        foreach (var edge in graph.Edges)
        {
            var (tail, tailCluster) = Anchor(graph, edge.Source);
            var attributes = new List<string> { $"label={Quote(edge.Label)}" };
            if (tailCluster is not null) attributes.Add($"ltail={Quote(tailCluster)}");
            string head;
            if (edge.Destination is { } destination)
            {
                var (node, cluster) = Anchor(graph, destination);
                head = node;
                if (cluster is not null) attributes.Add($"lhead={Quote(cluster)}");
            }
            else
            {
                head = $"__dynamic{dynamic++}";
                text.Append($"    {head} [shape=ellipse, style=dashed, label={Quote(edge.DynamicDescription ?? "chosen state")}];\n");
                attributes.Add("style=dashed");
            }
            text.Append($"    {Quote(tail)} -> {Quote(head)} [{string.Join(", ", attributes)}];\n");
        }
        foreach (var state in graph.States.Where(s => s.IsFinal))
        {
            text.Append($"    {Quote(state.State + "__end")} [shape=doublecircle, label=\"\", width=0.2];\n");
            text.Append($"    {Quote(state.State.ToString())} -> {Quote(state.State + "__end")};\n");
        }
        return text.Append("}\n").ToString();
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
                text.Append($"{indent}subgraph {Quote("cluster_" + state.State)} {{\n{indent}    label={Quote(state.State.ToString())};\n");
                WriteStates(graph, state.State, text, depth + 1);
                text.Append($"{indent}}}\n");
            }
            else
            {
                text.Append($"{indent}{Quote(state.State.ToString())};\n");
            }
        }
    }

    /// <summary>A node to attach an edge to: the state itself, or for a superstate its first leaf and its cluster.</summary>
    private static (string Node, string? Cluster) Anchor<TState, TTrigger>(MachineGraph<TState, TTrigger> graph, TState state)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        if (!graph.IsComposite(state)) return (state.ToString(), null);
        var leaf = state;
        while (graph.IsComposite(leaf)) leaf = graph.ChildrenOf(leaf).First().State;
        return (leaf.ToString(), "cluster_" + state);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
