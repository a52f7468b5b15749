namespace Rollout.Mesh.Pubsub;

/// <summary>
/// GossipSub's mcache: messages of the last <c>history</c> heartbeats in sliding windows; IHAVE
/// gossips the IDs of the newest <c>gossip</c> windows and IWANT is answered from all of them.
/// Owned by one router. A window is a list of message references, 8 bytes an entry with no
/// per-entry object and no dictionary: lookups are IWANT answers, rare beside the puts of every
/// first delivery, and a scan of a few hundred messages is cheap (in a simulation every router
/// holds the same few message objects, which stay in cache). The window that leaves at a shift is
/// kept, emptied, for the next one, so a busy router does not allocate a list per heartbeat. The
/// seen cache guarantees that a message is put once (its TTL outlasts the windows).
/// </summary>
internal sealed class MessageCache
{
    // Windows are made on first use: most routers of a simulation are idle most of the time.
    private const int LargestSpare = 4096;

    private readonly List<PubsubMessage>?[] _windows;
    private List<PubsubMessage>? _spare;
    private readonly int _gossip;
    private int _newest;
    private int _count;
    // IWANT answers per message and peer, made on the first IWANT.
    private Dictionary<MessageId, Dictionary<object, int>>? _transmissions;

    /// <summary>Creates a cache of <paramref name="history"/> windows, gossiping the newest <paramref name="gossip"/>.</summary>
    public MessageCache(int history, int gossip)
    {
        _windows = new List<PubsubMessage>?[history];
        _gossip = gossip;
    }

    /// <summary>Messages held.</summary>
    public int Count => _count;

    /// <summary>Adds a message to the newest window.</summary>
    public void Put(PubsubMessage message)
    {
        var window = _windows[_newest];
        if (window is null)
        {
            window = _spare ?? [];
            _spare = null;
            _windows[_newest] = window;
        }
        window.Add(message);
        _count++;
    }

    /// <summary>The message with that ID, if still cached.</summary>
    public PubsubMessage? Get(MessageId id)
    {
        foreach (var window in _windows)
        {
            if (window is null) continue;
            for (var i = 0; i < window.Count; i++)
            {
                if (window[i].Id == id) return window[i];
            }
        }
        return null;
    }

    /// <summary>The message for an IWANT from <paramref name="peer"/>, unless it was already sent to that peer <paramref name="limit"/> times.</summary>
    public PubsubMessage? GetForPeer(MessageId id, object peer, int limit)
    {
        var message = Get(id);
        if (message is null) return null;
        _transmissions ??= [];
        if (!_transmissions.TryGetValue(id, out var sent)) _transmissions.Add(id, sent = []);
        var count = sent.GetValueOrDefault(peer) + 1;
        sent[peer] = count;
        return count > limit ? null : message;
    }

    /// <summary>IDs on <paramref name="topic"/> in the gossip windows, newest first.</summary>
    public List<MessageId> GossipIds(string topic)
    {
        // Sized up front: every router builds this list every heartbeat while messages flow.
        var held = 0;
        for (var i = 0; i < _gossip; i++) held += _windows[(_newest - i + _windows.Length) % _windows.Length]?.Count ?? 0;
        var ids = new List<MessageId>(held);
        for (var i = 0; i < _gossip; i++)
        {
            var window = _windows[(_newest - i + _windows.Length) % _windows.Length];
            if (window is null) continue;
            foreach (var message in window)
            {
                if (message.Topic == topic) ids.Add(message.Id);
            }
        }
        return ids;
    }

    /// <summary>True when any gossip window holds a message (a cheap test before building IHAVEs).</summary>
    public bool HasGossip()
    {
        for (var i = 0; i < _gossip; i++)
        {
            if (_windows[(_newest - i + _windows.Length) % _windows.Length]?.Count > 0) return true;
        }
        return false;
    }

    /// <summary>Heartbeat: drops the oldest window and opens a new one.</summary>
    public void Shift()
    {
        _newest = (_newest + 1) % _windows.Length;
        var oldest = _windows[_newest];
        if (oldest is null) return;
        _count -= oldest.Count;
        if (_transmissions is { Count: > 0 })
        {
            foreach (var message in oldest) _transmissions.Remove(message.Id);
        }
        _windows[_newest] = null;
        if (oldest.Capacity <= LargestSpare)
        {
            oldest.Clear();
            _spare = oldest;
        }
    }
}
