using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
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
    // Field slots; the presence flags are checked in this order (jan … may), as before.
    private const int PeerIdField = 0;
    private const int RewardField = 1;
    private const int FirstPresenceField = 2;
    private static readonly string[] FieldNames = ["peerId", "reward", "janPresence", "febPresence", "marPresence", "aprPresence", "mayPresence"];

    /// <summary>Reads the file at <paramref name="path"/> as retro round <paramref name="round"/> (1–4).</summary>
    public static RetroSnapshot Read(string path, int round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(round, 4);
        var name = Path.GetFileName(path);
        // The whole file is parsed before any element is looked at, so a syntax error anywhere wins over a bad field.
        using var document = SnapshotJson.ParseArray(name, SnapshotBytes.Read(path));
        var count = document.RootElement.GetArrayLength();
        var rewards = new RetroReward[count];
        var firstIndex = new Dictionary<PeerId, int>(count);
        var index = 0;
        Span<JsonElement> fields = new JsonElement[FieldNames.Length];
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var present = ReadFields(name, index, element, fields);
            var pendingPeer = ParsePeerId(name, index, present, fields);
            var units = ParseReward(name, index, present, fields);
            for (var f = FirstPresenceField; f < FieldNames.Length; f++)
            {
                if ((present & (1 << f)) != 0 && fields[f].ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw SnapshotError.AtIndex(name, index, FieldNames[f], $"expected true or false, found {SnapshotJson.Describe(fields[f].ValueKind)}");
                }
            }
            var peerId = pendingPeer.Value(name, index, fields[PeerIdField]);
            if (!firstIndex.TryAdd(peerId, index))
            {
                throw SnapshotError.AtIndex(name, index, "peerId", $"{SnapshotText.Quote(SnapshotJson.GetString(name, index, "peerId", fields[PeerIdField]))} already appears at index {firstIndex[peerId]}");
            }
            rewards[index] = new RetroReward(peerId, units.Value(name, index, fields[RewardField]), index);
            index++;
        }
        return new RetroSnapshot(name, round, rewards);
    }

    /// <summary>
    /// One pass over the object's properties: refuses a repeated or unknown field (in property order, as
    /// <see cref="SnapshotJson.RequireObject"/> does) and returns a bit per known field present.
    /// </summary>
    private static int ReadFields(string name, int index, JsonElement element, Span<JsonElement> fields)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw SnapshotError.AtIndex(name, index, "", $"expected an object, found {SnapshotJson.Describe(element.ValueKind)}");
        }
        var present = 0;
        foreach (var property in element.EnumerateObject())
        {
            var slot = Slot(property);
            // An unknown name fails at its first appearance, so only known names can repeat.
            if (slot < 0)
            {
                throw SnapshotJson.TryGetName(property, out var unknown)
                    ? SnapshotError.AtIndex(name, index, unknown, "is not a field of this snapshot")
                    : SnapshotError.AtIndex(name, index, "", "a property name " + SnapshotJson.LoneSurrogate);
            }
            if ((present & (1 << slot)) != 0) throw SnapshotError.AtIndex(name, index, property.Name, "appears twice in the same object");
            present |= 1 << slot;
            fields[slot] = property.Value;
        }
        return present;
    }

    // The field's slot, or -1 for an unknown name. A name escaping half a surrogate pair cannot be unescaped to
    // compare: it is unknown too, and the caller's TryGetName says why.
    private static int Slot(JsonProperty property)
    {
        try
        {
            if (property.NameEquals("peerId"u8)) return PeerIdField;
            if (property.NameEquals("reward"u8)) return RewardField;
            for (var f = FirstPresenceField; f < FieldNames.Length; f++)
            {
                if (property.NameEquals(FieldNames[f])) return f;
            }
        }
        catch (InvalidOperationException)
        {
        }
        return -1;
    }

    private static void RequireString(string name, int index, int present, int slot, Span<JsonElement> fields)
    {
        if ((present & (1 << slot)) == 0) throw SnapshotError.AtIndex(name, index, FieldNames[slot], "is missing");
        if (fields[slot].ValueKind != JsonValueKind.String)
        {
            throw SnapshotError.AtIndex(name, index, FieldNames[slot], $"expected a string, found {SnapshotJson.Describe(fields[slot].ValueKind)}");
        }
    }

    // The shape checks come first for both fields (peerId, then reward), then the presence flags, then
    // the values, as the reader always did; a parse result that is not sure is settled by the exact slow path.
    private static PendingPeer ParsePeerId(string name, int index, int present, Span<JsonElement> fields)
    {
        RequireString(name, index, present, PeerIdField, fields);
        return PeerIdUtf8.TryParse(Unescaped(fields[PeerIdField]), out var peerId) ? new PendingPeer(peerId) : default;
    }

    private static PendingUnits ParseReward(string name, int index, int present, Span<JsonElement> fields)
    {
        RequireString(name, index, present, RewardField, fields);
        return QuilAmount.TryParseQuilFast(Unescaped(fields[RewardField]), out var units) ? new PendingUnits(units, true) : default;
    }

    /// <summary>The raw UTF-8 of a string value without its quotes, or empty when it holds an escape (then the slow path decides).</summary>
    private static ReadOnlySpan<byte> Unescaped(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && raw[0] == (byte)'"') raw = raw[1..^1];
        return raw.Contains((byte)'\\') ? [] : raw;
    }

    private readonly record struct PendingPeer(PeerId? Parsed)
    {
        public PeerId Value(string name, int index, JsonElement text)
        {
            if (Parsed is not null) return Parsed;
            var peerText = SnapshotJson.GetString(name, index, "peerId", text);
            if (!PeerId.TryParse(peerText, out var peerId, out var peerError))
            {
                throw SnapshotError.AtIndex(name, index, "peerId", $"{SnapshotText.Quote(peerText)} is not a peer ID: {peerError}");
            }
            return peerId!;
        }
    }

    private readonly record struct PendingUnits(UInt128 Units, bool Parsed)
    {
        public BigInteger Value(string name, int index, JsonElement text)
        {
            if (Parsed) return Units;
            if (!QuilAmount.TryParseQuil(SnapshotJson.GetString(name, index, "reward", text), out var units, out var amountError))
            {
                throw SnapshotError.AtIndex(name, index, "reward", amountError);
            }
            return units;
        }
    }
}
