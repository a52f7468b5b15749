namespace Rollout.Token.Snapshots;

/// <summary>A generic allocation source: a CSV file with the header <c>address,amount</c> (amount in QUIL, like the retro files).</summary>
public sealed record CsvSnapshot(string FileName, IReadOnlyList<CsvAllocation> Allocations);
