using Rollout.Mesh.Identity;

namespace Rollout.Token.Snapshots;

/// <summary>
/// Reads a retro file: <c>[{"peerId": "Qm…", "reward": "137558"}, …]</c>. The second retro's monthly
/// presence flags (<c>janPresence</c> … <c>mayPresence</c>) are accepted as booleans in any round and do
/// not affect the allocation; any other field, a repeated peer ID, or a reward that is not an exact
/// non-negative decimal is refused.
/// </summary>
public static class RetroSnapshotReader
{
    private static readonly HashSet<string> PresenceFields = new(StringComparer.Ordinal)
    {
        "janPresence", "febPresence", "marPresence", "aprPresence", "mayPresence",
    };

    /// <summary>Reads the file at <paramref name="path"/> as retro round <paramref name="round"/> (1–4).</summary>
    public static RetroSnapshot Read(string path, int round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(round, 4);
        var name = Path.GetFileName(path);
        using var document = SnapshotJson.ParseArray(name, SnapshotBytes.Read(path));
        var rewards = new List<RetroReward>(document.RootElement.GetArrayLength());
        var firstIndex = new Dictionary<PeerId, int>();
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            SnapshotJson.RequireObject(name, index, element, field => field is "peerId" or "reward" || PresenceFields.Contains(field));
            var peerText = SnapshotJson.RequireString(name, index, element, "peerId");
            var rewardText = SnapshotJson.RequireString(name, index, element, "reward");
            foreach (var presence in PresenceFields) SnapshotJson.OptionalBoolean(name, index, element, presence);

            if (!PeerId.TryParse(peerText, out var peerId, out var peerError))
            {
                throw SnapshotError.AtIndex(name, index, "peerId", $"{SnapshotText.Quote(peerText)} is not a peer ID: {peerError}");
            }
            if (!firstIndex.TryAdd(peerId!, index))
            {
                throw SnapshotError.AtIndex(name, index, "peerId", $"{SnapshotText.Quote(peerText)} already appears at index {firstIndex[peerId!]}");
            }
            if (!QuilAmount.TryParseQuil(rewardText, out var units, out var amountError))
            {
                throw SnapshotError.AtIndex(name, index, "reward", amountError);
            }
            rewards.Add(new RetroReward(peerId!, units, index));
            index++;
        }
        return new RetroSnapshot(name, round, rewards);
    }
}
