using Rollout.Deployer.StateMachine;

namespace Rollout.Deployer.Tests.StateMachine;

public sealed class ExporterTests
{
    public enum S { Idle, Work, Fetch, Process, Done }

    public enum T { Start, Next, Finish, Abort }

    private static StateMachine<S, T> Machine()
    {
        var m = new StateMachine<S, T>(S.Idle);
        m.Configure(S.Idle).Permit(T.Start, S.Fetch);
        m.Configure(S.Work).Permit(T.Abort, S.Done);
        m.Configure(S.Fetch).SubstateOf(S.Work).Permit(T.Next, S.Process);
        m.Configure(S.Process).SubstateOf(S.Work).PermitIf(T.Finish, S.Done, () => true, "ready");
        m.Configure(S.Done).Final();
        return m;
    }

    [Fact]
    public void Mermaid_DrawsSuperstatesAsCompositeStates_WithEveryTransition()
    {
        var text = MermaidExporter.Export(Machine().Graph());

        Assert.Equal(
            """
            stateDiagram-v2
                [*] --> Idle
                Idle
                state Work {
                    Fetch
                    Process
                }
                Done
                Idle --> Fetch : Start
                Work --> Done : Abort
                Fetch --> Process : Next
                Process --> Done : Finish [ready]
                Done --> [*]

            """.Replace("\r", "", StringComparison.Ordinal), text);
    }

    [Fact]
    public void Dot_DrawsSuperstatesAsClusters_AndTheirEdgesLeaveTheCluster()
    {
        var text = DotExporter.Export(Machine().Graph(), "test");

        Assert.StartsWith("digraph \"test\" {", text, StringComparison.Ordinal);
        Assert.Contains("subgraph \"cluster_Work\" {", text, StringComparison.Ordinal);
        Assert.Contains("\"Fetch\" -> \"Done\" [label=\"Abort\", ltail=\"cluster_Work\"];", text, StringComparison.Ordinal);
        Assert.Contains("\"Process\" -> \"Done\" [label=\"Finish [ready]\"];", text, StringComparison.Ordinal);
        Assert.Contains("__start -> \"Idle\";", text, StringComparison.Ordinal);
        Assert.Equal(text.Count(c => c == '{'), text.Count(c => c == '}'));
    }

    [Fact]
    public void DynamicTransitions_AreDrawnAsOneNotePerState_InMermaid_AndAsDashedTargetsInDot()
    {
        var m = Machine();
        var retry = m.SetTriggerParameters<S>(T.Next);
        m.Configure(S.Done).PermitDynamic(retry, s => s, "the step: chosen");

        var mermaid = MermaidExporter.Export(m.Graph());
        var dot = DotExporter.Export(m.Graph(), "test");

        Assert.Contains("    note right of Done : Next re-enters the step, chosen\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("__dynamic0 [shape=ellipse, style=dashed, label=\"the step: chosen\"];", dot, StringComparison.Ordinal);
        Assert.Contains("\"Done\" -> \"__dynamic0\" [label=\"Next\", style=dashed];", dot, StringComparison.Ordinal);
    }
}
