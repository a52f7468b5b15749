using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Rollout.Deployer.Plans;

/// <summary>One YAML mapping of a plan, read key by key; keys never read are reported as unknown settings.</summary>
internal sealed class PlanMapping(PlanDocument document, YamlMappingNode node, string path)
{
    private readonly HashSet<string> _read = [];

    /// <summary>The mapping node itself, for positions.</summary>
    public YamlMappingNode Node => node;

    /// <summary>The document path of a child key.</summary>
    public string PathOf(string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The node under <paramref name="key"/>, or null; reports it when required and missing.</summary>
    public YamlNode? Get(string key, bool required = false)
    {
        _read.Add(key);
        foreach (var (k, v) in node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return IsNullScalar(v) ? null : v;
            }
        }
        if (required) document.Report(PathOf(key), node, "missing (required)");
        return null;
    }

    /// <summary>A string setting, or null when absent.</summary>
    public string? String(string key, bool required = false)
    {
        var value = Get(key, required);
        return value is null ? null : document.Scalar(value, PathOf(key));
    }

    /// <summary>An integer setting within [min, max]; the default when absent; reported when malformed.</summary>
    public long Integer(string key, long fallback, long min, long max)
    {
        var value = Get(key);
        if (value is null) return fallback;
        var text = document.Scalar(value, PathOf(key));
        if (text is null) return fallback;
        if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            document.Report(PathOf(key), value, $"\"{text}\" is not a whole number");
            return fallback;
        }
        if (parsed < min || parsed > max)
        {
            document.Report(PathOf(key), value, $"{parsed} is outside {min}..{max}");
            return fallback;
        }
        return parsed;
    }

    /// <summary>An <see cref="int"/> setting within [min, max].</summary>
    public int Int(string key, int fallback, int min, int max) => (int)Integer(key, fallback, min, max);

    /// <summary>A true/false setting.</summary>
    public bool Boolean(string key, bool fallback)
    {
        var value = Get(key);
        if (value is null) return fallback;
        var text = document.Scalar(value, PathOf(key));
        switch (text)
        {
            case null: return fallback;
            case "true": return true;
            case "false": return false;
            default:
                document.Report(PathOf(key), value, $"\"{text}\" is not true or false");
                return fallback;
        }
    }

    /// <summary>A duration such as <c>700ms</c>, <c>1s</c>, <c>10s</c>, <c>1m</c>; must be positive.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var value = Get(key);
        if (value is null) return fallback;
        var text = document.Scalar(value, PathOf(key));
        if (text is null) return fallback;
        if (DurationText.TryParse(text, out var parsed) && parsed > TimeSpan.Zero) return parsed;
        document.Report(PathOf(key), value, $"\"{text}\" is not a positive duration (e.g. 700ms, 1s, 10s, 1m)");
        return fallback;
    }

    /// <summary>Reports every key that no reader asked for: a typo must not silently fall back to a default.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var (k, _) in node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "?";
            if (!_read.Contains(name)) document.Report(PathOf(name), k, "unknown setting");
        }
    }

    private static bool IsNullScalar(YamlNode value) =>
        value is YamlScalarNode scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
        && scalar.Value is null or "" or "~" or "null";
}
