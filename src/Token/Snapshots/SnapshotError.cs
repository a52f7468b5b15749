namespace Rollout.Token.Snapshots;

/// <summary>
/// Builds the <see cref="InvalidDataException"/> (sealed, so not subclassed) for a snapshot that the
/// genesis cannot be built from. The message names the file, the index (JSON) or line (CSV), and the
/// field, e.g. <c>first_retro.json[17].reward: "1.5e3" uses an exponent</c>.
/// </summary>
public static class SnapshotError
{
    /// <summary>A problem with a whole file (no index, no field).</summary>
    public static InvalidDataException InFile(string file, string problem) => new(SnapshotText.Sanitize($"{file}: {problem}"));

    /// <summary>A problem with one element of a JSON array; <paramref name="field"/> may be empty for the element itself.</summary>
    public static InvalidDataException AtIndex(string file, int index, string field, string problem) =>
        new(SnapshotText.Sanitize($"{file}[{index}]{(field.Length == 0 ? "" : "." + field)}: {problem}"));

    /// <summary>A problem with one line of a CSV file (1-based, the header is line 1).</summary>
    public static InvalidDataException AtLine(string file, int line, string field, string problem) =>
        new(SnapshotText.Sanitize($"{file}:{line}{(field.Length == 0 ? "" : "." + field)}: {problem}"));
}
