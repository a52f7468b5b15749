namespace Rollout.Mesh.Simulation;

/// <summary>
/// How a link carries a message once it has left the sender's uplink: a fixed one-way latency, plus a
/// uniform jitter in [0, <see cref="Jitter"/>] ticks, and an independent loss probability per message.
/// </summary>
/// <param name="Latency">One-way propagation delay.</param>
/// <param name="Jitter">Upper bound of the extra delay drawn per message.</param>
/// <param name="LossProbability">Chance in [0, 1] that a message is lost on the wire.</param>
public readonly record struct LinkProfile(TimeSpan Latency, TimeSpan Jitter, double LossProbability)
{
    /// <summary>A link with only a latency.</summary>
    public static LinkProfile Fixed(TimeSpan latency) => new(latency, TimeSpan.Zero, 0);

    /// <summary>Throws when a parameter is out of range, naming it.</summary>
    public void Validate()
    {
        if (Latency < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Latency), Latency, "latency must not be negative");
        if (Jitter < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "jitter must not be negative");
        if (!(LossProbability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(LossProbability), LossProbability, "loss probability must lie in [0, 1]");
    }
}
