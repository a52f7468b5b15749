using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rollout.Deployer.Plans;

/// <summary>
/// Reads a YAML plan file into a <see cref="RolloutPlan"/>, reporting every problem at once
/// with its path and position in the file.
/// </summary>
public static class PlanReader
{
    /// <summary>Reads the plan at <paramref name="path"/>; throws <see cref="InvalidDataException"/> listing every problem.</summary>
    public static RolloutPlan Read(string path) => Validate(path).PlanOrThrow();

    /// <summary>Reads and validates the plan at <paramref name="path"/>, collecting every problem.</summary>
    public static PlanValidation Validate(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: plan file not found");
        return Validate(File.ReadAllBytes(path), path);
    }

    /// <summary>Validates plan bytes; <paramref name="source"/> names the file in messages and resolves relative folders.</summary>
    public static PlanValidation Validate(byte[] content, string source)
    {
        var fileName = Path.GetFileName(source);
        var document = new PlanDocument();
        YamlNode? root = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Encoding.UTF8.GetString(content)));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            document.Report("(syntax)", ex.Start, ex.InnerException?.Message ?? ex.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unterminated flow collections.
            document.Report("(syntax)", (YamlNode?)null, "YAML syntax error: an unterminated [ ] or { } collection");
        }
        if (root is null)
        {
            if (document.Problems.Count == 0) document.Report("(document)", (YamlNode?)null, "the plan is empty");
            return new PlanValidation(fileName, null, document.Problems);
        }

        var top = document.Mapping(root, "");
        if (top is null) return new PlanValidation(fileName, null, document.Problems);
        var plan = PlanSections.Read(document, top, source, Convert.ToHexStringLower(SHA256.HashData(content)));
        if (plan is not null) MainnetRules.Check(plan, document, top);
        var problems = document.Problems.OrderBy(p => p.Line ?? int.MaxValue).ThenBy(p => p.Column ?? 0).ToList();
        return new PlanValidation(fileName, document.Problems.Count == 0 ? plan : null, problems);
    }
}
