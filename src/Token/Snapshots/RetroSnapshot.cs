namespace Rollout.Token.Snapshots;

/// <summary>One of the four 1.x retroactive reward files (<c>first_retro.json</c> … <c>fourth_retro.json</c>).</summary>
/// <param name="FileName">The file's name, for messages and per-source totals.</param>
/// <param name="Round">1 to 4.</param>
/// <param name="Rewards">The entries in file order.</param>
public sealed record RetroSnapshot(string FileName, int Round, IReadOnlyList<RetroReward> Rewards)
{
    /// <summary>The file names of the four rounds, in order.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["first_retro.json", "second_retro.json", "third_retro.json", "fourth_retro.json"];

    /// <summary>
    /// Whether bridged identifiers are left out of this round. The reference (token_genesis.go) skips
    /// them in the first and second retro only: their value had already been bridged to wQUIL.
    /// </summary>
    public bool ExcludesBridged => Round <= 2;
}
