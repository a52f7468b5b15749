using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Connections;

/// <summary>One open connection as the connection manager sees it. Owned by the manager.</summary>
public sealed class ConnectionInfo(PeerId peer, ConnectionDirection direction, long openedAt)
{
    /// <summary>The remote peer.</summary>
    public PeerId Peer { get; } = peer;

    /// <summary>Who dialed.</summary>
    public ConnectionDirection Direction { get; } = direction;

    /// <summary>When it opened (UTC ticks).</summary>
    public long OpenedAt { get; } = openedAt;

    /// <summary>When anything last happened on it (UTC ticks).</summary>
    public long LastActivity { get; internal set; } = openedAt;

    /// <summary>Streams open on it.</summary>
    public int Streams { get; internal set; }

    /// <summary>False once the manager forgot it (closed or trimmed).</summary>
    public bool IsOpen { get; internal set; } = true;

    /// <summary>Traffic passed at <paramref name="now"/> (UTC ticks); nothing once closed.</summary>
    internal void Touch(long now)
    {
        if (IsOpen) LastActivity = now;
    }
}
