using System.Diagnostics.CodeAnalysis;
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
        if (FieldProblem(element, isKnownField, "is not a field of this snapshot") is { } problem)
        {
            throw SnapshotError.AtIndex(name, index, problem.Field, problem.Problem);
        }
    }

    /// <summary>
    /// What is wrong with an object's property names, in property order, or null: a name that is not text
    /// (field ""), a repeated one (JsonDocument would let the last win), or one <paramref name="isKnownField"/>
    /// does not know. Allocates nothing but the names, so it can run on every entry of a large file.
    /// </summary>
    public static (string Field, string Problem)? FieldProblem(JsonElement element, Func<string, bool> isKnownField, string unknownProblem)
    {
        var position = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (!TryGetName(property, out var propertyName)) return ("", "a property name " + LoneSurrogate);
            // Objects here have a handful of members: scanning the earlier ones beats a set per object.
            var earlier = 0;
            foreach (var other in element.EnumerateObject())
            {
                if (earlier++ == position) break;
                if (other.NameEquals(propertyName)) return (propertyName, "appears twice in the same object");
            }
            if (!isKnownField(propertyName)) return (propertyName, unknownProblem);
            position++;
        }
        return null;
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

    /// <summary>The text of a string value at <c>name[index].field</c>; a lone surrogate escape is bad input naming it (see <see cref="TryGetString"/>).</summary>
    public static string GetString(string name, int index, string field, JsonElement value) =>
        TryGetString(value, out var text) ? text : throw SnapshotError.AtIndex(name, index, field, LoneSurrogate);

    /// <summary>
    /// The text of a string value; false for any other kind of value, and for a string that is not text:
    /// JSON may escape half a surrogate pair (<c>"\ud800"</c>), which no .NET string can hold
    /// (<see cref="JsonElement.GetString"/> throws InvalidOperationException), and that is bad input here.
    /// </summary>
    public static bool TryGetString(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (value.ValueKind != JsonValueKind.String) return false;
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A property's name, false when it escapes half a surrogate pair (see <see cref="TryGetString"/>).</summary>
    public static bool TryGetName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    /// <summary>The problem text of a value or name that escapes half a surrogate pair.</summary>
    public const string LoneSurrogate = "holds a lone surrogate escape (\\ud800–\\udfff without its pair), which is not text";

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
