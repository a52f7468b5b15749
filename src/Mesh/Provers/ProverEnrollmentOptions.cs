namespace Rollout.Mesh.Provers;

/// <summary>Enrollment settings. The subshard threshold is a plan setting of the rollout (DOMAIN.md: 32 in the reference).</summary>
public sealed record ProverEnrollmentOptions
{
    /// <summary>A shard holding more provers than this sends new enrollments to its subshards.</summary>
    public int SubshardThreshold { get; init; } = 32;

    /// <summary>Children per shard (the reference splits into 2 to 8).</summary>
    public int SubshardCount { get; init; } = 4;

    /// <summary>Members of a prover ring; a ring closes when it has this many and the next opens.</summary>
    public int RingSize { get; init; } = 1024;

    /// <summary>The pubsub topic enrollments are announced on.</summary>
    public string Topic { get; init; } = "provers/enroll";

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (SubshardThreshold < 1) throw new ArgumentException($"subshard threshold {SubshardThreshold} must be at least 1");
        if (SubshardCount is < 2 or > 8) throw new ArgumentException($"subshard count {SubshardCount} must be 2 to 8");
        if (RingSize < 1) throw new ArgumentException($"ring size {RingSize} must be at least 1");
        ArgumentException.ThrowIfNullOrEmpty(Topic);
    }
}
