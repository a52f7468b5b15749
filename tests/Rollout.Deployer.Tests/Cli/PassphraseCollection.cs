namespace Rollout.Deployer.Tests.Cli;

/// <summary>
/// Tests that set ROLLOUT_PASSPHRASE (process-wide), for every verb that reads it: run after the parallel phase,
/// alone, so no other class's passphrase changes under them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PassphraseCollection
{
    public const string Name = "ROLLOUT_PASSPHRASE";
}
