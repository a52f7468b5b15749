namespace Rollout.Token.Snapshots;

/// <summary>
/// Reads <c>bridged.json</c>: <c>[{"amount": "…", "identifier": "Qm…" | "0x…", "variant": "…"}, …]</c>.
/// The amount is QUIL and must be positive; the identifier must be a peer ID or a voucher key and
/// appear once; the variant is kept as the reference wrote it.
/// </summary>
public static class BridgedSnapshotReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static BridgedSnapshot Read(string path)
    {
        var name = Path.GetFileName(path);
        using var document = SnapshotJson.ParseArray(name, SnapshotBytes.Read(path));
        var entries = new List<BridgedEntry>(document.RootElement.GetArrayLength());
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            SnapshotJson.RequireObject(name, index, element, field => field is "amount" or "identifier" or "variant");
            var amountText = SnapshotJson.RequireString(name, index, element, "amount");
            var identifierText = SnapshotJson.RequireString(name, index, element, "identifier");
            var variant = SnapshotJson.RequireString(name, index, element, "variant");

            if (!BridgedIdentifier.TryParse(identifierText, out var identifier, out var identifierError))
            {
                throw SnapshotError.AtIndex(name, index, "identifier", identifierError);
            }
            // Peer IDs compare by their multihash and voucher keys by their bytes, so two spellings of one key are one key.
            var identity = identifier!.PeerId is { } peer ? "peer:" + peer.Text : "key:" + identifier.VoucherKeyHex;
            if (!firstIndex.TryAdd(identity, index))
            {
                throw SnapshotError.AtIndex(name, index, "identifier", $"{SnapshotText.Quote(identifierText)} already appears at index {firstIndex[identity]}");
            }
            if (!QuilAmount.TryParseQuil(amountText, out var units, out var amountError))
            {
                throw SnapshotError.AtIndex(name, index, "amount", amountError);
            }
            if (units.IsZero)
            {
                throw SnapshotError.AtIndex(name, index, "amount", $"{SnapshotText.Quote(amountText)} is zero; a bridged amount must be positive");
            }
            entries.Add(new BridgedEntry(identifier, units, variant, index));
            index++;
        }
        return new BridgedSnapshot(name, entries);
    }
}
