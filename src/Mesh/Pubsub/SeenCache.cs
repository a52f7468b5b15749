using Rollout.Mesh.Collections;

namespace Rollout.Mesh.Pubsub;

/// <summary>
/// Message IDs seen within the TTL, so a message is delivered and forwarded once. Owned by one router.
/// IDs arrive in time order and leave in the same order, so they live in a ring (16 bytes each, no
/// object per entry). The ring is made of chunks of <see cref="ChunkSize"/> IDs: it grows by a chunk
/// and gives back a chunk once its IDs have left, so growing copies no ID and leaves no outgrown array
/// behind. In a simulation every router sees the same messages and grows at the same moment; with one
/// array doubled in place, their outgrown rings (1.6 GB at the seed's routing size) waited for a full
/// collection and set the run's peak memory.
/// Two kinds of index find an ID's ring position. The newest <see cref="RecentChunks"/> chunks each have
/// a small table of their own (256 two-byte slots: the offset in the chunk and an 8-bit fingerprint,
/// so a probe reads the ring only when the fingerprint matches); older IDs move, a chunk at a time, into
/// one open-addressing table of ring positions (4 bytes a slot, at most half full). Most lookups are for
/// recent IDs: a duplicate copy's ID arrived moments before, and an IHAVE lists the sender's last few
/// heartbeats. They are answered from the few lines of the newest chunks' tables instead of from random
/// lines of one table that doubles as the cache fills (an IHAVE's ~300 IDs read most of its lines).
/// Expiry is kept per group of IDs added between two <see cref="Expire"/> calls (the host's
/// heartbeat): a group leaves once its newest ID's TTL has run out, so an ID is remembered for at
/// least the TTL and at most one heartbeat longer. A struct, so the router holds its fields in place
/// and a received copy reaches the tables without loading a separate cache object; keep it in a
/// non-readonly field and never copy it.
/// </summary>
internal struct SeenCache(TimeSpan ttl)
{
    private const int ChunkShift = 7;
    private const int ChunkSize = 1 << ChunkShift;
    private const int MinimumTable = 32;
    // A cache line, and a ring entry's size: the prefetch steps.
    private const int LineBytes = 64;
    private const int IdBytes = 16;
    // Chunks indexed by their own small tables; older ones are in the shared table.
    private const int RecentChunks = 4; // a power of two
    // A chunk's table: twice its IDs, so it is at most half full; a slot is (fingerprint << 8) | (offset + 1), zero when empty.
    private const int RecentShift = ChunkShift + 1;
    private const int RecentSlots = 1 << RecentShift;
    // Table entries keep a ring position's low 30 bits (plus one, so zero marks an empty slot); the
    // chunk and offset are read from those bits, which holds while the ring spans fewer than 2^23 chunks.
    private const long PositionMask = (1L << 30) - 1;

    // Chunk n of the ring (positions n·ChunkSize onwards) sits at _chunks[n & (_chunks.Length - 1)].
    private MessageId[]?[] _chunks = [];
    // One chunk whose IDs have all left, kept for the next chunk the ring needs.
    private MessageId[]? _spare;
    private long _head;
    private long _tail;
    // Positions below this are in _table (those not yet expired); from it on, in their chunk's small table.
    private long _indexed;
    private int[] _table = [];
    // Chunk n's small table is the RecentSlots slots from (n mod RecentChunks) · RecentSlots.
    private ushort[] _recent = [];
    // Groups oldest first: the IDs before End expire at Expires. The last group is open until the next Expire.
    private (long Expires, long End)[] _groups = [];
    private int _groupHead;
    private int _groupCount;
    private bool _groupOpen;

    /// <summary>Number of IDs held.</summary>
    public readonly int Count => (int)(_tail - _head);

    /// <summary>True when the ID is held.</summary>
    public readonly bool Contains(MessageId id) => Count > 0 && Find(id);

    /// <summary>
    /// Starts bringing the small tables and the ring entries they index (the newest
    /// <see cref="RecentChunks"/> chunks) into the cache. An IHAVE lists the sender's last few
    /// heartbeats, so its IDs are found there; without the hint each ID's loads wait for a line from
    /// memory before the next ID's start. Changes nothing.
    /// </summary>
    public readonly void PrefetchRecent()
    {
        for (var i = 0; i < _recent.Length; i += LineBytes / sizeof(ushort)) CachePrefetch.At(ref _recent[i]);
        var stop = Math.Max(_indexed, _head);
        for (var end = _tail; end > stop;)
        {
            var chunkStart = (end - 1) & ~(long)(ChunkSize - 1);
            var from = Math.Max(chunkStart, stop);
            var chunk = _chunks[((end - 1) >> ChunkShift) & (_chunks.Length - 1)]!;
            for (var p = (int)(from - chunkStart); p < (int)(end - chunkStart); p += LineBytes / IdBytes) CachePrefetch.At(ref chunk[p]);
            end = from;
        }
    }

    /// <summary>Adds an ID first seen at <paramref name="now"/>; false when it was already seen.</summary>
    public bool Add(MessageId id, long now)
    {
        if (Count > 0 && Find(id)) return false;
        if ((_tail & (ChunkSize - 1)) == 0) AddChunk();
        var position = _tail;
        Entry(position) = id;
        _tail++;
        InsertRecent(id, position);
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
                // Only the shared table forgets an ID: a small table's hit below _head is refused.
                if (_head < _indexed) Delete(Entry(_head));
                _head++;
                // The chunk's last ID has left: the chunk goes (one is kept for the ring's next).
                if ((_head & (ChunkSize - 1)) == 0) ReleaseChunk((_head - 1) >> ChunkShift);
            }
            _groupHead = (_groupHead + 1) % _groups.Length;
            _groupCount--;
        }
        // Give space back after a burst: table slots, and the spare chunk once the ring is nearly empty.
        if (_table.Length > MinimumTable * 4 && Indexed * 8 < _table.Length) Rebuild(_table.Length / 2);
        if (Count < ChunkSize / 2) _spare = null;
    }

    /// <summary>IDs held in the shared table.</summary>
    private readonly long Indexed => Math.Max(0, _indexed - _head);

    private static int Hash(MessageId id) => (int)(id.Low ^ (id.Low >> 32) ^ id.High);

    /// <summary>The ring's entry for a position whose chunk is in place (one held, or the next to add); its low 30 bits suffice.</summary>
    private readonly ref MessageId Entry(long position) => ref _chunks[(position >> ChunkShift) & (_chunks.Length - 1)]![position & (ChunkSize - 1)];

    /// <summary>True when a held ID equals <paramref name="id"/>: the recent chunks' tables newest first, then the shared table.</summary>
    private readonly bool Find(MessageId id)
    {
        var hash = Hash(id);
        var fingerprint = Fingerprint(hash);
        var home = hash & (RecentSlots - 1);
        var oldest = Math.Max(_indexed, _head) >> ChunkShift;
        for (var chunk = (_tail - 1) >> ChunkShift; chunk >= oldest; chunk--)
        {
            var table = RecentTable(chunk);
            for (var i = home; ; i = (i + 1) & (RecentSlots - 1))
            {
                int slot = _recent[table + i];
                if (slot == 0) break;
                if (slot >> 8 != fingerprint) continue;
                // Refused below _head: the ID left (expiry groups do not align with chunks).
                var position = (chunk << ChunkShift) + (slot & 0xFF) - 1;
                if (position >= _head && Entry(position) == id) return true;
            }
        }
        return Indexed > 0 && Slot(id) >= 0;
    }

    private void InsertRecent(MessageId id, long position)
    {
        var hash = Hash(id);
        var table = RecentTable(position >> ChunkShift);
        var i = hash & (RecentSlots - 1);
        while (_recent[table + i] != 0) i = (i + 1) & (RecentSlots - 1);
        _recent[table + i] = (ushort)((Fingerprint(hash) << 8) | (int)((position & (ChunkSize - 1)) + 1));
    }

    /// <summary>Where chunk <paramref name="chunk"/>'s small table starts in <see cref="_recent"/>.</summary>
    private static int RecentTable(long chunk) => (int)(chunk & (RecentChunks - 1)) << RecentShift;

    /// <summary>The 8 bits of a hash a small-table slot keeps beside the offset (not the bits that pick the slot).</summary>
    private static int Fingerprint(int hash) => (hash >> 24) & 0xFF;

    /// <summary>The shared table's slot holding <paramref name="id"/>, or -1.</summary>
    private readonly int Slot(MessageId id)
    {
        var mask = _table.Length - 1;
        for (var i = Hash(id) & mask; ; i = (i + 1) & mask)
        {
            var entry = _table[i];
            if (entry == 0) return -1;
            if (Entry(entry - 1) == id) return i;
        }
    }

    private readonly void Insert(MessageId id, long position)
    {
        var mask = _table.Length - 1;
        var i = Hash(id) & mask;
        while (_table[i] != 0) i = (i + 1) & mask;
        _table[i] = (int)(position & PositionMask) + 1;
    }

    /// <summary>Removes an ID with backward-shift deletion, so no tombstones build up.</summary>
    private readonly void Delete(MessageId id)
    {
        var mask = _table.Length - 1;
        var hole = Slot(id);
        if (hole < 0) return;
        for (var j = (hole + 1) & mask; _table[j] != 0; j = (j + 1) & mask)
        {
            var home = Hash(Entry(_table[j] - 1)) & mask;
            // Move the entry into the hole unless its home lies cyclically in (hole, j].
            var stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (stays) continue;
            _table[hole] = _table[j];
            hole = j;
        }
        _table[hole] = 0;
    }

    /// <summary>A new shared table of <paramref name="length"/> slots holding every ID it held.</summary>
    private void Rebuild(int length)
    {
        _table = new int[length];
        for (var position = _head; position < _indexed; position++) Insert(Entry(position), position);
    }

    /// <summary>
    /// Moves the oldest recent chunk's IDs that have not left into the shared table, so its small table
    /// can serve the chunk about to be added.
    /// </summary>
    private void IndexOldestRecent()
    {
        var end = ((_indexed >> ChunkShift) + 1) << ChunkShift;
        var from = Math.Max(_indexed, _head);
        var stop = Math.Min(end, _tail);
        var moving = Math.Max(0, stop - from);
        if ((Indexed + moving) * 2 > _table.Length)
        {
            var length = Math.Max(MinimumTable, _table.Length);
            while ((Indexed + moving) * 2 > length) length *= 2;
            Rebuild(length);
        }
        for (var position = from; position < stop; position++) Insert(Entry(position), position);
        _indexed = end;
        Array.Clear(_recent, RecentTable((end >> ChunkShift) - 1), RecentSlots);
    }

    /// <summary>Places a chunk for the positions from <see cref="_tail"/> on, first making room for it.</summary>
    private void AddChunk()
    {
        if (_recent.Length == 0) _recent = new ushort[RecentChunks << RecentShift];
        while ((_tail >> ChunkShift) - (_indexed >> ChunkShift) >= RecentChunks) IndexOldestRecent();
        var first = _head >> ChunkShift;
        var chunk = _tail >> ChunkShift;
        if (chunk - first >= _chunks.Length)
        {
            // Every place is taken: twice as many, each chunk held moved to its place in the new array.
            var chunks = new MessageId[]?[Math.Max(4, _chunks.Length * 2)];
            for (var n = first; n < chunk; n++) chunks[n & (chunks.Length - 1)] = _chunks[n & (_chunks.Length - 1)];
            _chunks = chunks;
        }
        _chunks[chunk & (_chunks.Length - 1)] = _spare ?? new MessageId[ChunkSize];
        _spare = null;
    }

    private void ReleaseChunk(long chunk)
    {
        var at = chunk & (_chunks.Length - 1);
        _spare = _chunks[at];
        _chunks[at] = null;
    }

    private void GrowGroups()
    {
        var groups = new (long, long)[Math.Max(4, _groups.Length * 2)];
        for (var g = 0; g < _groupCount; g++) groups[g] = _groups[(_groupHead + g) % _groups.Length];
        _groups = groups;
        _groupHead = 0;
    }
}
