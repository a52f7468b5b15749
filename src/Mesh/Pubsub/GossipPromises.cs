using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// IWANT promises: a peer that advertised a message in IHAVE and was asked for it must deliver it
/// within the follow-up time; a broken promise is a behaviour penalty. One promise per message: the
/// router asks a second peer only after the first promise expired. Owned by one router.
/// </summary>
internal sealed class GossipPromises
{
    private readonly Dictionary<MessageId, (PeerId Peer, long Deadline)> _promises = [];

    /// <summary>Promises outstanding.</summary>
    public int Count => _promises.Count;

    /// <summary>True when someone already promised the message.</summary>
    public bool IsPromised(MessageId id) => _promises.ContainsKey(id);

    /// <summary>Records that <paramref name="peer"/> owes the message by <paramref name="deadline"/>.</summary>
    public void Add(MessageId id, PeerId peer, long deadline) => _promises.TryAdd(id, (peer, deadline));

    /// <summary>The message arrived (from anyone): the promise is kept.</summary>
    public void Delivered(MessageId id)
    {
        if (_promises.Count > 0) _promises.Remove(id);
    }

    /// <summary>Removes expired promises and calls <paramref name="broken"/> once per broken promise with the peer that broke it.</summary>
    public void Expire(long now, Action<PeerId> broken)
    {
        if (_promises.Count == 0) return;
        List<MessageId>? expired = null;
        foreach (var (id, promise) in _promises)
        {
            if (promise.Deadline > now) continue;
            (expired ??= []).Add(id);
            broken(promise.Peer);
        }
        if (expired is null) return;
        foreach (var id in expired) _promises.Remove(id);
    }
}
