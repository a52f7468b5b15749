namespace Rollout.Deployer.Plans;

/// <summary>Reads <c>release:</c>: <c>binary</c>, <c>unlock_phrase</c>, <c>unlock_folder</c>.</summary>
internal static class ReleaseSection
{
    public static ReleaseSettings Read(PlanDocument document, PlanMapping? section)
    {
        if (section is null) return ReleaseSettings.Default;
        var binary = section.String("binary");
        if (binary is { Length: 0 }) document.Report("release.binary", section.Get("binary"), "empty (give the release binary's path, relative to the plan)");
        var phrase = section.String("unlock_phrase") ?? ReleaseSettings.Default.UnlockPhrase;
        if (phrase.Length == 0 || phrase.Contains('|', StringComparison.Ordinal))
        {
            document.Report("release.unlock_phrase", section.Get("unlock_phrase"), "must be non-empty and contain no '|' (the seed is phrase|blockstamp|beacon)");
        }
        var folder = section.String("unlock_folder") ?? ReleaseSettings.Default.UnlockFolder;
        if (folder.Length == 0) document.Report("release.unlock_folder", section.Get("unlock_folder"), "empty");
        section.ReportUnknownKeys();
        return new ReleaseSettings(binary is { Length: > 0 } ? binary : null, phrase, folder);
    }
}
