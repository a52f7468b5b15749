namespace Rollout.Mesh.Simulation;

/// <summary>
/// A node class's uplink: messages leave one after another at <see cref="UplinkBytesPerSecond"/>, so a
/// saturated node queues; a message that would push the queue past <see cref="OutboundQueueLimitBytes"/> is dropped.
/// </summary>
/// <param name="UplinkBytesPerSecond">Serialisation rate; 0 means unlimited (no serialisation delay).</param>
/// <param name="OutboundQueueLimitBytes">Most bytes waiting in the uplink, the message being sent included; 0 means unbounded.</param>
public sealed record NodeClassProfile(long UplinkBytesPerSecond, long OutboundQueueLimitBytes)
{
    /// <summary>No bandwidth limit and no queue bound.</summary>
    public static NodeClassProfile Unlimited { get; } = new(0, 0);

    /// <summary>Throws when a parameter is out of range, naming it.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(UplinkBytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(OutboundQueueLimitBytes);
    }
}
