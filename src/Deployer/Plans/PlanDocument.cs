using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rollout.Deployer.Plans;

/// <summary>
/// Collects problems while a plan is read, each with its path and the line and column YamlDotNet marked,
/// so <c>plan validate</c> reports every problem at once instead of stopping at the first.
/// </summary>
internal sealed class PlanDocument
{
    private readonly List<PlanProblem> _problems = [];

    /// <summary>Problems found so far, in the order found.</summary>
    public IReadOnlyList<PlanProblem> Problems => _problems;

    /// <summary>Records a problem at <paramref name="node"/>'s position (or with no position).</summary>
    public void Report(string path, YamlNode? node, string message)
    {
        var start = node?.Start;
        var known = start is { } mark && mark.Line > 0;
        _problems.Add(new PlanProblem(path, known ? (int)start!.Value.Line : null, known ? (int)start!.Value.Column : null, message));
    }

    /// <summary>Records a problem at a raw mark (a YAML syntax error).</summary>
    public void Report(string path, Mark mark, string message) =>
        _problems.Add(new PlanProblem(path, (int)mark.Line, (int)mark.Column, message));

    /// <summary>Opens <paramref name="node"/> as a mapping, reporting a problem when it is something else.</summary>
    public PlanMapping? Mapping(YamlNode? node, string path)
    {
        if (node is YamlMappingNode mapping) return new PlanMapping(this, mapping, path);
        if (node is not null) Report(path, node, "expected a mapping of settings");
        return null;
    }

    /// <summary>Reads <paramref name="node"/> as a sequence, reporting a problem when it is something else.</summary>
    public IReadOnlyList<YamlNode> Sequence(YamlNode? node, string path)
    {
        if (node is YamlSequenceNode sequence) return sequence.Children.ToList();
        if (node is not null) Report(path, node, "expected a list");
        return [];
    }

    /// <summary>Reads <paramref name="node"/> as a scalar string, reporting a problem when it is not one.</summary>
    public string? Scalar(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } value }) return value;
        Report(path, node, "expected a single value");
        return null;
    }
}
