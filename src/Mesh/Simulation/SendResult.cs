namespace Rollout.Mesh.Simulation;

/// <summary>What became of a send at the sender's side. Loss on the wire is invisible to the sender and reads <see cref="Sent"/>.</summary>
public enum SendResult
{
    /// <summary>The message left (or will leave) the uplink.</summary>
    Sent,

    /// <summary>The sender's outbound queue was full; the message was dropped.</summary>
    QueueFull,

    /// <summary>The link between the two nodes is down.</summary>
    LinkDown,

    /// <summary>The sender is not online.</summary>
    SenderOffline,
}
