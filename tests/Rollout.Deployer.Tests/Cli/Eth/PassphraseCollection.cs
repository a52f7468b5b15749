namespace Rollout.Deployer.Tests.Cli.Eth;

/// <summary>
/// Tests that set ROLLOUT_PASSPHRASE (process-wide) for the eth verbs: run after the parallel phase,
/// alone, so no other class's passphrase changes under them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PassphraseCollection
{
    public const string Name = "ROLLOUT_PASSPHRASE (eth)";
}
