namespace Rollout.Token.Genesis;

/// <summary>How an <see cref="EntryLocation"/> points into its file.</summary>
internal enum EntryLocationKind
{
    /// <summary>An index into a JSON array.</summary>
    Index,

    /// <summary>A 1-based CSV line.</summary>
    Line,

    /// <summary>The whole file, summed.</summary>
    Sum,
}
