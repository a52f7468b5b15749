namespace Rollout.Deployer.Plans;

/// <summary>One problem found in a plan file: where (path in the document, line and column) and what.</summary>
/// <param name="Path">Path in the document, e.g. <c>signatories[3]</c> or <c>mesh.dlo</c>.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="Message">What is wrong, written for an operator.</param>
public sealed record PlanProblem(string Path, int? Line, int? Column, string Message)
{
    /// <summary>Formats as <c>file:line:column path: message</c>.</summary>
    public string Format(string fileName) =>
        Line is null ? $"{fileName} {Path}: {Message}" : $"{fileName}:{Line}:{Column} {Path}: {Message}";
}
