namespace Rollout.Deployer.Rollout;

/// <summary>Where a cause and its resolution come from.</summary>
public enum CauseSource
{
    /// <summary>The rollout seed's own cause/resolution lists (seeds/004).</summary>
    Seed,

    /// <summary>Added by this project for steps the seed lists no causes for; each says why.</summary>
    Project,
}
