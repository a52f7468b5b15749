namespace Rollout.Token.Snapshots;

/// <summary>
/// Reads <c>ceremony_vouchers.json</c>: an array of voucher keys written "0x" + hex, each worth 50 QUIL.
/// A key listed twice is refused (the reference's map would silently pay it once).
/// </summary>
public static class VoucherSnapshotReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static VoucherSnapshot Read(string path)
    {
        var name = Path.GetFileName(path);
        using var document = SnapshotJson.ParseArray(name, SnapshotBytes.Read(path));
        var vouchers = new List<CeremonyVoucher>(document.RootElement.GetArrayLength());
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                throw SnapshotError.AtIndex(name, index, "", $"expected a voucher key string, found {SnapshotJson.Describe(element.ValueKind)}");
            }
            var text = SnapshotJson.GetString(name, index, "", element);
            if (!VoucherKeyText.TryParse(text, out var key, out var hex, out var error))
            {
                throw SnapshotError.AtIndex(name, index, "", error);
            }
            if (!firstIndex.TryAdd(hex, index))
            {
                throw SnapshotError.AtIndex(name, index, "", $"{SnapshotText.Quote(text)} already appears at index {firstIndex[hex]}");
            }
            vouchers.Add(new CeremonyVoucher(key, hex, index));
            index++;
        }
        return new VoucherSnapshot(name, vouchers);
    }
}
