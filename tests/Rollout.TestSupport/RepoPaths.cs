namespace Rollout.TestSupport;

/// <summary>Finds the repository's folders from wherever the test assembly runs.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Rollout.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>ops/devchain: the npm packages (oracles, Hardhat, solc).</summary>
    public static string Devchain => Path.Combine(Root, "ops", "devchain");

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rollout.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Rollout.sln not found above {AppContext.BaseDirectory}");
    }
}
