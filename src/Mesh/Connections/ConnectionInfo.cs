using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Connections;

/// <summary>
/// One open connection as the connection manager sees it. Owned by the manager; the node that
/// admitted it may attach the protocol's link (<see cref="Link"/>), whose messages count as activity
/// without the connection being written for each.
/// </summary>
public sealed class ConnectionInfo(PeerId peer, ConnectionDirection direction, long openedAt)
{
    /// <summary>The remote peer.</summary>
    public PeerId Peer { get; } = peer;

    /// <summary>Who dialed.</summary>
    public ConnectionDirection Direction { get; } = direction;

    /// <summary>When it opened (UTC ticks).</summary>
    public long OpenedAt { get; } = openedAt;

    private long _touched = openedAt;

    /// <summary>When anything last happened on it (UTC ticks): the later of its last touch and the last message on its link.</summary>
    public long LastActivity => Link is { } link && link.LastReceived > _touched ? link.LastReceived : _touched;

    /// <summary>The link of the protocol carried on it, set by the node that admitted it.</summary>
    public PeerLink? Link { get; internal set; }

    /// <summary>Streams open on it.</summary>
    public int Streams { get; internal set; }

    /// <summary>False once the manager forgot it (closed or trimmed).</summary>
    public bool IsOpen { get; internal set; } = true;

    /// <summary>
    /// True when nothing happened on it for longer than <paramref name="period"/> ticks before
    /// <paramref name="now"/>. A sweep asks this of every connection every heartbeat: the link is read
    /// only once the connection's own record is older than the period, and what it says is kept, so
    /// a busy connection's link is read about once a period rather than at every sweep.
    /// </summary>
    internal bool SilentFor(long period, long now)
    {
        if (now - _touched <= period) return false;
        _touched = LastActivity;
        return now - _touched > period;
    }

    /// <summary>Traffic passed at <paramref name="now"/> (UTC ticks); nothing once closed.</summary>
    internal void Touch(long now)
    {
        if (IsOpen) _touched = now;
    }
}
