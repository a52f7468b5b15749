namespace Rollout.Deployer.Plans;

/// <summary>The <c>release:</c> section: the signed binary and where the unlock is collected.</summary>
/// <param name="Binary">The release binary whose <c>.dgst</c> and <c>.dgst.sig.N</c> files lie beside it (relative to the plan), or null.</param>
/// <param name="UnlockPhrase">The phrase the genesis seed starts with (no '|').</param>
/// <param name="UnlockFolder">Where the deployer writes <c>unlock-request.json</c>, collects the signers' files and writes <c>genesis-unlock.json</c> (relative to the plan).</param>
public sealed record ReleaseSettings(string? Binary, string UnlockPhrase, string UnlockFolder)
{
    /// <summary>No binary named; the phrase and folder defaults.</summary>
    public static ReleaseSettings Default { get; } = new(null, "resist much, obey little", "unlock");
}
