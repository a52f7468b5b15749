namespace Rollout.Mesh.Pubsub;

/// <summary>
/// Message IDs seen within the TTL, so a message is delivered and forwarded once. Owned by one router.
/// IDs arrive in time order and leave in the same order, so they live in a ring (16 bytes each, no
/// object per entry), and an open-addressing table of ring positions (4 bytes a slot, at most half
/// full) finds them: about 24–48 bytes an ID instead of ~150 for a hash set plus a queue of tuples.
/// Expiry is kept per group of IDs added between two <see cref="Expire"/> calls (the host's
/// heartbeat): a group leaves once its newest ID's TTL has run out, so an ID is remembered for at
/// least the TTL and at most one heartbeat longer. A struct, so the router holds its fields in place
/// and a received copy reaches the table without loading a separate cache object; keep it in a
/// non-readonly field and never copy it.
/// </summary>
internal struct SeenCache(TimeSpan ttl)
{
    private const int MinimumRing = 16;

    private MessageId[] _ring = [];
    private long _head;
    private long _tail;
    private int[] _table = [];
    // Groups oldest first: the IDs before End expire at Expires. The last group is open until the next Expire.
    private (long Expires, long End)[] _groups = [];
    private int _groupHead;
    private int _groupCount;
    private bool _groupOpen;

    /// <summary>Number of IDs held.</summary>
    public int Count => (int)(_tail - _head);

    /// <summary>True when the ID is held.</summary>
    public bool Contains(MessageId id) => Count > 0 && Slot(id) >= 0;

    /// <summary>Adds an ID first seen at <paramref name="now"/>; false when it was already seen.</summary>
    public bool Add(MessageId id, long now)
    {
        if (Count > 0 && Slot(id) >= 0) return false;
        if (Count == _ring.Length) Resize(Math.Max(MinimumRing, _ring.Length * 2));
        var position = (int)(_tail & (_ring.Length - 1));
        _ring[position] = id;
        _tail++;
        Insert(id, position);
        var expires = now + ttl.Ticks;
        if (_groupOpen)
        {
            _groups[(_groupHead + _groupCount - 1) % _groups.Length] = (expires, _tail);
        }
        else
        {
            if (_groupCount == _groups.Length) GrowGroups();
            _groups[(_groupHead + _groupCount) % _groups.Length] = (expires, _tail);
            _groupCount++;
            _groupOpen = true;
        }
        return true;
    }

    /// <summary>Forgets the groups whose TTL has run out, and closes the group being filled.</summary>
    public void Expire(long now)
    {
        _groupOpen = false;
        while (_groupCount > 0 && _groups[_groupHead].Expires <= now)
        {
            var end = _groups[_groupHead].End;
            while (_head < end)
            {
                Delete(_ring[(int)(_head & (_ring.Length - 1))]);
                _head++;
            }
            _groupHead = (_groupHead + 1) % _groups.Length;
            _groupCount--;
        }
        // Give memory back after a burst.
        if (_ring.Length > MinimumRing * 4 && Count * 4 < _ring.Length) Resize(_ring.Length / 2);
    }

    private static int Hash(MessageId id) => (int)(id.Low ^ (id.Low >> 32) ^ id.High);

    /// <summary>The table slot holding <paramref name="id"/>, or -1.</summary>
    private int Slot(MessageId id)
    {
        var mask = _table.Length - 1;
        for (var i = Hash(id) & mask; ; i = (i + 1) & mask)
        {
            var entry = _table[i];
            if (entry == 0) return -1;
            if (_ring[entry - 1] == id) return i;
        }
    }

    private void Insert(MessageId id, int position)
    {
        var mask = _table.Length - 1;
        var i = Hash(id) & mask;
        while (_table[i] != 0) i = (i + 1) & mask;
        _table[i] = position + 1;
    }

    /// <summary>Removes an ID with backward-shift deletion, so no tombstones build up.</summary>
    private void Delete(MessageId id)
    {
        var mask = _table.Length - 1;
        var hole = Slot(id);
        if (hole < 0) return;
        for (var j = (hole + 1) & mask; _table[j] != 0; j = (j + 1) & mask)
        {
            var home = Hash(_ring[_table[j] - 1]) & mask;
            // Move the entry into the hole unless its home lies cyclically in (hole, j].
            var stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (stays) continue;
            _table[hole] = _table[j];
            hole = j;
        }
        _table[hole] = 0;
    }

    private void Resize(int capacity)
    {
        var ring = new MessageId[capacity];
        var count = Count;
        for (var k = 0; k < count; k++) ring[k] = _ring[(int)((_head + k) & (_ring.Length - 1))];
        _ring = ring;
        // Ring positions restart at zero; the groups' ends move with them.
        for (var g = 0; g < _groupCount; g++)
        {
            var at = (_groupHead + g) % _groups.Length;
            _groups[at] = (_groups[at].Expires, _groups[at].End - _head);
        }
        _head = 0;
        _tail = count;
        _table = new int[capacity * 2];
        for (var k = 0; k < count; k++) Insert(ring[k], k);
    }

    private void GrowGroups()
    {
        var groups = new (long, long)[Math.Max(4, _groups.Length * 2)];
        for (var g = 0; g < _groupCount; g++) groups[g] = _groups[(_groupHead + g) % _groups.Length];
        _groups = groups;
        _groupHead = 0;
    }
}
