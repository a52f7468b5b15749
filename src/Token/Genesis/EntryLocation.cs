namespace Rollout.Token.Genesis;

/// <summary>
/// Where a ledger entry came from, formatted only when an error names it (<c>third_retro.json[17]</c>,
/// <c>extra.csv:3</c>, <c>bridged.json (sum)</c>): building a million of these strings up front cost more
/// than the sums they label.
/// </summary>
internal readonly record struct EntryLocation(string File, int Number, EntryLocationKind Kind)
{
    /// <summary>An element of a JSON array.</summary>
    public static EntryLocation AtIndex(string file, int index) => new(file, index, EntryLocationKind.Index);

    /// <summary>A line of a CSV file.</summary>
    public static EntryLocation AtLine(string file, int line) => new(file, line, EntryLocationKind.Line);

    /// <summary>The sum of a whole file.</summary>
    public static EntryLocation Sum(string file) => new(file, 0, EntryLocationKind.Sum);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        EntryLocationKind.Index => $"{File}[{Number}]",
        EntryLocationKind.Line => $"{File}:{Number}",
        _ => $"{File} (sum)",
    };
}
