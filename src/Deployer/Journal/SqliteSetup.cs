namespace Rollout.Deployer.Journal;

/// <summary>Initialises the bundled SQLite provider exactly once per process.</summary>
internal static class SqliteSetup
{
    private static readonly Lazy<bool> Done = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>Initialises the provider if no one has yet.</summary>
    public static void EnsureInitialized() => _ = Done.Value;
}
