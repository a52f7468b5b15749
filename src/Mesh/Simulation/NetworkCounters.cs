namespace Rollout.Mesh.Simulation;

/// <summary>Message counters of a simulated network. Owned and updated by the network only, one set per engine partition.</summary>
public sealed class NetworkCounters
{
    /// <summary>The sum of <paramref name="parts"/>.</summary>
    internal static NetworkCounters Sum(IReadOnlyList<NetworkCounters> parts)
    {
        var sum = new NetworkCounters();
        foreach (var part in parts)
        {
            sum.Sent += part.Sent;
            sum.BytesSent += part.BytesSent;
            sum.Delivered += part.Delivered;
            sum.DroppedLoss += part.DroppedLoss;
            sum.DroppedQueueFull += part.DroppedQueueFull;
            sum.DroppedLinkDown += part.DroppedLinkDown;
            sum.DroppedReceiverOffline += part.DroppedReceiverOffline;
            sum.DroppedSenderOffline += part.DroppedSenderOffline;
        }
        return sum;
    }

    /// <summary>Messages accepted by a sender's uplink.</summary>
    public long Sent { get; internal set; }

    /// <summary>Bytes accepted by senders' uplinks.</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Messages handed to their receiver.</summary>
    public long Delivered { get; internal set; }

    /// <summary>Messages lost on the wire by the links' loss probability.</summary>
    public long DroppedLoss { get; internal set; }

    /// <summary>Messages dropped because the sender's outbound queue was full.</summary>
    public long DroppedQueueFull { get; internal set; }

    /// <summary>Messages dropped because their link was or went down.</summary>
    public long DroppedLinkDown { get; internal set; }

    /// <summary>Messages that arrived at a node that was offline or had crashed since they were sent.</summary>
    public long DroppedReceiverOffline { get; internal set; }

    /// <summary>Sends attempted by nodes that were offline.</summary>
    public long DroppedSenderOffline { get; internal set; }
}
