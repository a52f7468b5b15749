namespace Rollout.Mesh.Pubsub;

/// <summary>
/// GossipSub's mcache: messages of the last <c>history</c> heartbeats in sliding windows; IHAVE
/// gossips the IDs of the newest <c>gossip</c> windows and IWANT is answered from all of them.
/// Owned by one router.
/// </summary>
internal sealed class MessageCache
{
    private readonly Dictionary<MessageId, Entry> _messages = [];
    // Windows are made on first use: most routers of a simulation are idle most of the time.
    private readonly List<PubsubMessage>?[] _windows;
    private readonly int _gossip;
    private int _newest;

    /// <summary>Creates a cache of <paramref name="history"/> windows, gossiping the newest <paramref name="gossip"/>.</summary>
    public MessageCache(int history, int gossip)
    {
        _windows = new List<PubsubMessage>?[history];
        _gossip = gossip;
    }

    /// <summary>Messages held.</summary>
    public int Count => _messages.Count;

    /// <summary>Adds a message to the newest window.</summary>
    public void Put(PubsubMessage message)
    {
        if (_messages.TryAdd(message.Id, new Entry(message))) (_windows[_newest] ??= []).Add(message);
    }

    /// <summary>The message with that ID, if still cached.</summary>
    public PubsubMessage? Get(MessageId id) => _messages.TryGetValue(id, out var entry) ? entry.Message : null;

    /// <summary>The message for an IWANT from <paramref name="peer"/>, unless it was already sent to that peer <paramref name="limit"/> times.</summary>
    public PubsubMessage? GetForPeer(MessageId id, object peer, int limit)
    {
        if (!_messages.TryGetValue(id, out var entry)) return null;
        entry.Transmissions ??= [];
        var count = entry.Transmissions.GetValueOrDefault(peer) + 1;
        entry.Transmissions[peer] = count;
        return count > limit ? null : entry.Message;
    }

    /// <summary>IDs on <paramref name="topic"/> in the gossip windows, newest first.</summary>
    public List<MessageId> GossipIds(string topic)
    {
        var ids = new List<MessageId>();
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
        foreach (var message in oldest) _messages.Remove(message.Id);
        _windows[_newest] = null;
    }

    private sealed class Entry(PubsubMessage message)
    {
        public PubsubMessage Message { get; } = message;

        public Dictionary<object, int>? Transmissions { get; set; }
    }
}
