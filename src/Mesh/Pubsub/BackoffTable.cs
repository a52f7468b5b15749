using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Pubsub;

/// <summary>Per topic and peer, the time before which neither side may GRAFT again. Outlives connections. Owned by one router.</summary>
internal sealed class BackoffTable
{
    private readonly Dictionary<(string Topic, PeerId Peer), long> _until = [];
    // No entry expires before this (it may be earlier than the true earliest, never later), so a
    // heartbeat with nothing due skips the walk over the table.
    private long _earliest = long.MaxValue;

    /// <summary>Entries held.</summary>
    public int Count => _until.Count;

    /// <summary>Sets the backoff, keeping the later expiry when one exists.</summary>
    public void Add(string topic, PeerId peer, long until)
    {
        if (_until.TryGetValue((topic, peer), out var existing) && existing >= until) return;
        _until[(topic, peer)] = until;
        if (until < _earliest) _earliest = until;
    }

    /// <summary>The expiry when a backoff is in force at <paramref name="now"/>.</summary>
    public bool TryGet(string topic, PeerId peer, long now, out long until) =>
        _until.TryGetValue((topic, peer), out until) && until > now;

    /// <summary>Drops expired entries.</summary>
    public void Expire(long now)
    {
        if (now < _earliest) return;
        List<(string, PeerId)>? expired = null;
        var earliest = long.MaxValue;
        foreach (var (key, until) in _until)
        {
            if (until <= now) (expired ??= []).Add(key);
            else if (until < earliest) earliest = until;
        }
        _earliest = earliest;
        if (expired is null) return;
        foreach (var key in expired) _until.Remove(key);
    }
}
