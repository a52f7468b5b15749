namespace Rollout.Mesh.Pubsub;

/// <summary>Message IDs seen within the TTL, so a message is delivered and forwarded once. Owned by one router.</summary>
internal sealed class SeenCache(TimeSpan ttl)
{
    private readonly HashSet<MessageId> _ids = [];
    private readonly Queue<(MessageId Id, long Expires)> _order = new();

    /// <summary>Number of IDs held.</summary>
    public int Count => _ids.Count;

    /// <summary>True when the ID is held.</summary>
    public bool Contains(MessageId id) => _ids.Contains(id);

    /// <summary>Adds an ID first seen at <paramref name="now"/>; false when it was already seen.</summary>
    public bool Add(MessageId id, long now)
    {
        if (!_ids.Add(id)) return false;
        _order.Enqueue((id, now + ttl.Ticks));
        return true;
    }

    /// <summary>Forgets IDs whose TTL has run out.</summary>
    public void Expire(long now)
    {
        while (_order.Count > 0 && _order.Peek().Expires <= now) _ids.Remove(_order.Dequeue().Id);
    }
}
