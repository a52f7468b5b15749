using System.Text.Json;

namespace Rollout.Token.Snapshots;

/// <summary>
/// Strict JSON for the snapshot files and <c>tree.json</c>: no comments, no trailing commas, a depth limit,
/// no repeated or unknown field, a top-level array for snapshots, and field access that names the file,
/// index and field in every error.
/// </summary>
internal static class SnapshotJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>Parses a file that must hold one JSON array.</summary>
    public static JsonDocument ParseArray(string name, byte[] bytes)
    {
        var document = Parse(name, bytes);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw SnapshotError.InFile(name, $"must hold a JSON array, not {Describe(kind)}");
        }
        return document;
    }

    /// <summary>Parses a file's bytes (from <see cref="SnapshotBytes.Read"/>) as strict JSON of any shape.</summary>
    public static JsonDocument Parse(string name, byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException ex)
        {
            throw SnapshotError.InFile(name, $"is not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }
    }

    /// <summary>Checks that an array element is an object whose property names are known and not repeated.</summary>
    public static void RequireObject(string name, int index, JsonElement element, Func<string, bool> isKnownField)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw SnapshotError.AtIndex(name, index, "", $"expected an object, found {Describe(element.ValueKind)}");
        }
        RequireKnownFields(element, isKnownField, "is not a field of this snapshot", (field, problem) => SnapshotError.AtIndex(name, index, field, problem));
    }

    /// <summary>
    /// Checks that an object's property names are known and none repeats (JsonDocument would let the last
    /// one win); <paramref name="bad"/> builds the error from the field ("" for an unreadable name) and the problem.
    /// </summary>
    public static void RequireKnownFields(JsonElement element, Func<string, bool> isKnownField, string unknownProblem, Func<string, string, InvalidDataException> bad)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var propertyName = PropertyName(property, problem => bad("", problem));
            if (!seen.Add(propertyName)) throw bad(propertyName, "appears twice in the same object");
            if (!isKnownField(propertyName)) throw bad(propertyName, unknownProblem);
        }
    }

    /// <summary>The string value of a required field.</summary>
    public static string RequireString(string name, int index, JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value)) throw SnapshotError.AtIndex(name, index, field, "is missing");
        if (value.ValueKind != JsonValueKind.String)
        {
            throw SnapshotError.AtIndex(name, index, field, $"expected a string, found {Describe(value.ValueKind)}");
        }
        return GetString(name, index, field, value);
    }

    /// <summary>The text of a string value at <c>name[index].field</c>; see <see cref="GetString(JsonElement, Func{string, InvalidDataException})"/>.</summary>
    public static string GetString(string name, int index, string field, JsonElement value) =>
        GetString(value, problem => SnapshotError.AtIndex(name, index, field, problem));

    /// <summary>
    /// The text of a string value. JSON may escape half a surrogate pair (<c>"\ud800"</c>), which no
    /// .NET string can hold: <see cref="JsonElement.GetString"/> then throws InvalidOperationException,
    /// which is bad input here, so it becomes the <see cref="InvalidDataException"/> <paramref name="bad"/> builds.
    /// </summary>
    public static string GetString(JsonElement value, Func<string, InvalidDataException> bad)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException) when (value.ValueKind == JsonValueKind.String)
        {
            throw bad(LoneSurrogate);
        }
    }

    /// <summary>A property's name, with the same rule as <see cref="GetString(JsonElement, Func{string, InvalidDataException})"/>.</summary>
    public static string PropertyName(JsonProperty property, Func<string, InvalidDataException> bad)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw bad("a property name " + LoneSurrogate);
        }
    }

    private const string LoneSurrogate = "holds a lone surrogate escape (\\ud800–\\udfff without its pair), which is not text";

    /// <summary>Names a JSON value kind the way a user reads it.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
