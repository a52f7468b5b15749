namespace Rollout.Token.Snapshots;

/// <summary>
/// Reads a snapshot folder: any subset of the four retro files, <c>ceremony_vouchers.json</c>,
/// <c>bridged.json</c> and <c>*.csv</c> sources. Every other file is refused (a misspelt
/// <c>first_retro.jsn</c> must not silently drop a round); dotfiles, README files and subfolders are ignored.
/// </summary>
public static class SnapshotFolder
{
    /// <summary>Reads every snapshot in <paramref name="directory"/>; throws <see cref="InvalidDataException"/> on the first bad one.</summary>
    public static SnapshotSet Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new InvalidDataException($"snapshot folder {directory} does not exist");
        List<string> files;
        try
        {
            files = Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"snapshot folder {directory} cannot be listed: {ex.Message}", ex);
        }

        var retros = new List<RetroSnapshot>();
        VoucherSnapshot? vouchers = null;
        BridgedSnapshot? bridged = null;
        var csv = new List<CsvSnapshot>();
        foreach (var file in files)
        {
            if (file.StartsWith('.') || file.StartsWith("README", StringComparison.OrdinalIgnoreCase)) continue;
            if (RetroSnapshot.FileNames.Contains(file) || file is VoucherSnapshot.DefaultFileName or BridgedSnapshot.DefaultFileName) continue;
            if (file.EndsWith(".csv", StringComparison.Ordinal)) continue;
            throw SnapshotError.InFile(file, $"is not a snapshot this builder reads (expected {string.Join(", ", RetroSnapshot.FileNames)}, {VoucherSnapshot.DefaultFileName}, {BridgedSnapshot.DefaultFileName} or *.csv)");
        }
        for (var round = 1; round <= RetroSnapshot.FileNames.Count; round++)
        {
            var path = Path.Combine(directory, RetroSnapshot.FileNames[round - 1]);
            if (File.Exists(path)) retros.Add(RetroSnapshotReader.Read(path, round));
        }
        var voucherPath = Path.Combine(directory, VoucherSnapshot.DefaultFileName);
        if (File.Exists(voucherPath)) vouchers = VoucherSnapshotReader.Read(voucherPath);
        var bridgedPath = Path.Combine(directory, BridgedSnapshot.DefaultFileName);
        if (File.Exists(bridgedPath)) bridged = BridgedSnapshotReader.Read(bridgedPath);
        foreach (var file in files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal) && !f.StartsWith('.')))
        {
            csv.Add(CsvSnapshotReader.Read(Path.Combine(directory, file)));
        }

        var set = new SnapshotSet(retros, vouchers, bridged, csv);
        if (set.IsEmpty) throw new InvalidDataException($"snapshot folder {directory} holds no snapshot file (expected {string.Join(", ", RetroSnapshot.FileNames)}, {VoucherSnapshot.DefaultFileName}, {BridgedSnapshot.DefaultFileName} or *.csv)");
        return set;
    }
}
