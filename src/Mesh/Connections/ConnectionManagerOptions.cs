namespace Rollout.Mesh.Connections;

/// <summary>
/// Connection manager settings. Defaults are the reference network's (DOMAIN.md): watermarks
/// 160/192, grace period 1 min, silence period 10 s.
/// </summary>
public sealed record ConnectionManagerOptions
{
    /// <summary>A trim closes connections down to this many.</summary>
    public int LowWater { get; init; } = 160;

    /// <summary>Reaching this many connections starts a trim.</summary>
    public int HighWater { get; init; } = 192;

    /// <summary>New connections are not trimmed before they are this old.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Minimum time between two trims (go-libp2p's meaning), and how long a connection without
    /// streams may stay silent before it counts as dead.
    /// </summary>
    public TimeSpan SilencePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Which connections go first.</summary>
    public TrimOrder TrimOrder { get; init; } = TrimOrder.GoLibp2p;

    /// <summary>
    /// The high watermark is a hard bound: once the count reaches it, new connections are refused instead of
    /// admitted and trimmed later (bootstraps, whose success criterion is never breaching it).
    /// </summary>
    public bool HardHighWater { get; init; }

    /// <summary>Throws when the watermarks are out of order.</summary>
    public void Validate()
    {
        if (LowWater < 0 || HighWater <= LowWater)
        {
            throw new ArgumentException($"need 0 <= low watermark ({LowWater}) < high watermark ({HighWater})");
        }
        if (GracePeriod < TimeSpan.Zero || SilencePeriod < TimeSpan.Zero)
        {
            throw new ArgumentException("grace and silence periods must not be negative");
        }
    }
}
