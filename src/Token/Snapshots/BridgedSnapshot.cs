namespace Rollout.Token.Snapshots;

/// <summary>The contents of <c>bridged.json</c>; the sum of its amounts is minted once, to the bridge address.</summary>
public sealed record BridgedSnapshot(string FileName, IReadOnlyList<BridgedEntry> Entries)
{
    /// <summary>The file's name in a snapshot folder.</summary>
    public const string DefaultFileName = "bridged.json";
}
