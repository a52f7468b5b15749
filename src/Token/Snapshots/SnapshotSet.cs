namespace Rollout.Token.Snapshots;

/// <summary>Everything read from one snapshot folder; any subset of the sources may be present.</summary>
/// <param name="Retros">The retro rounds present, in round order.</param>
/// <param name="Vouchers"><c>ceremony_vouchers.json</c>, when present.</param>
/// <param name="Bridged"><c>bridged.json</c>, when present.</param>
/// <param name="Csv">The CSV sources, in file-name order.</param>
public sealed record SnapshotSet(
    IReadOnlyList<RetroSnapshot> Retros,
    VoucherSnapshot? Vouchers,
    BridgedSnapshot? Bridged,
    IReadOnlyList<CsvSnapshot> Csv)
{
    /// <summary>Whether the set holds no source at all.</summary>
    public bool IsEmpty => Retros.Count == 0 && Vouchers is null && Bridged is null && Csv.Count == 0;
}
