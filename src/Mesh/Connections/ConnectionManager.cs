using System.Diagnostics.CodeAnalysis;
using Rollout.Mesh.Collections;
using Rollout.Mesh.Identity;
using Rollout.Mesh.Transport;

namespace Rollout.Mesh.Connections;

/// <summary>
/// Keeps a node's connection count between watermarks, as go-libp2p's basic connmgr does: when the
/// count reaches the high watermark, a trim closes unprotected connections past their grace period
/// down to the low watermark, in the configured <see cref="TrimOrder"/>. Tags weight peers, protection
/// exempts them. It closes nothing itself: <see cref="Trim"/> returns the peers to disconnect and the
/// host closes them. Not thread-safe: one host thread owns it.
/// </summary>
public sealed class ConnectionManager
{
    private readonly ConnectionManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<PeerId, ConnectionInfo> _connections = [];
    private readonly Dictionary<PeerId, PeerMarks> _marks = [];
    private long _lastTrim = long.MinValue;

    /// <summary>Creates a manager; the options are validated here.</summary>
    public ConnectionManager(ConnectionManagerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _time = time;
    }

    /// <summary>The options in force.</summary>
    public ConnectionManagerOptions Options => _options;

    /// <summary>Open connections.</summary>
    public int Count => _connections.Count;

    /// <summary>Connections refused at the hard high watermark so far.</summary>
    public long Refused { get; private set; }

    /// <summary>The open connections.</summary>
    public IEnumerable<ConnectionInfo> Connections => _connections.Values;

    /// <summary>True while a connection to <paramref name="peer"/> is open.</summary>
    public bool IsConnected(PeerId peer) => _connections.ContainsKey(peer);

    /// <summary>True when the count has reached the high watermark.</summary>
    public bool AtHighWater => _connections.Count >= _options.HighWater;

    private long Now => _time.GetUtcNow().UtcTicks;

    /// <summary>
    /// Registers a new connection; false when it must be closed at once because the high watermark is
    /// a hard bound that is already reached. Protected peers are always admitted. <paramref name="connection"/>
    /// is the admitted connection (the one already open when the peer is known), which the host may keep
    /// to report activity on it without a lookup.
    /// </summary>
    public bool TryAdmit(PeerId peer, ConnectionDirection direction, [NotNullWhen(true)] out ConnectionInfo? connection)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (_connections.TryGetValue(peer, out connection)) return true;
        if (_options.HardHighWater && _connections.Count >= _options.HighWater && !IsProtected(peer))
        {
            Refused++;
            return false;
        }
        connection = new ConnectionInfo(peer, direction, Now);
        _connections.Add(peer, connection);
        return true;
    }

    /// <summary>The connection to <paramref name="peer"/> closed: its tags go with it (as in go-libp2p), protections stay.</summary>
    public void Closed(PeerId peer)
    {
        if (_connections.Remove(peer, out var connection))
        {
            connection.IsOpen = false;
            SparseTables.Trim(_connections);
        }
        if (!_marks.TryGetValue(peer, out var marks)) return;
        marks.ClearTags();
        if (!marks.IsEmpty) return;
        _marks.Remove(peer);
        SparseTables.Trim(_marks);
    }

    /// <summary>A stream opened on the connection.</summary>
    public void StreamOpened(PeerId peer)
    {
        if (!_connections.TryGetValue(peer, out var info)) return;
        info.Streams++;
        info.Touch(Now);
    }

    /// <summary>A stream on the connection closed.</summary>
    public void StreamClosed(PeerId peer)
    {
        if (!_connections.TryGetValue(peer, out var info) || info.Streams == 0) return;
        info.Streams--;
        info.Touch(Now);
    }

    /// <summary>Traffic passed on the connection.</summary>
    public void Touch(PeerId peer)
    {
        if (_connections.TryGetValue(peer, out var info)) info.Touch(Now);
    }

    /// <summary>Exempts a peer from trimming under <paramref name="tag"/> (several holders may protect one peer).</summary>
    public void Protect(PeerId peer, string tag) => Marks(peer).Protect(tag);

    /// <summary>Withdraws one protection; true when the peer is still protected by another tag.</summary>
    public bool Unprotect(PeerId peer, string tag)
    {
        if (!_marks.TryGetValue(peer, out var marks)) return false;
        marks.Unprotect(tag);
        if (marks.IsEmpty) _marks.Remove(peer);
        return marks.IsProtected;
    }

    /// <summary>True when any protection holds.</summary>
    public bool IsProtected(PeerId peer) => _marks.TryGetValue(peer, out var marks) && marks.IsProtected;

    /// <summary>Sets a tag's value on a peer; the sum of a peer's tags ranks it for trimming.</summary>
    public void TagPeer(PeerId peer, string tag, int value) => Marks(peer).Tag(tag, value);

    /// <summary>The value of one tag on a peer, or null when it is not set.</summary>
    public int? GetTag(PeerId peer, string tag) => _marks.TryGetValue(peer, out var marks) ? marks.Get(tag) : null;

    /// <summary>Removes a tag.</summary>
    public void UntagPeer(PeerId peer, string tag)
    {
        if (!_marks.TryGetValue(peer, out var marks)) return;
        marks.Untag(tag);
        if (marks.IsEmpty) _marks.Remove(peer);
    }

    /// <summary>The sum of a peer's tag values.</summary>
    public int TagValue(PeerId peer) => _marks.TryGetValue(peer, out var marks) ? marks.TagValue : 0;

    private PeerMarks Marks(PeerId peer)
    {
        if (!_marks.TryGetValue(peer, out var marks))
        {
            marks = new PeerMarks();
            _marks.Add(peer, marks);
        }
        return marks;
    }

    /// <summary>
    /// Runs a trim when one is due and returns the peers the host must disconnect (already forgotten
    /// here). Due means: the count reached the high watermark and the silence period passed since the
    /// last trim; with <see cref="TrimOrder.ZeroStreamsThenMostStreams"/>, dead connections (no
    /// streams, silent past the silence period) are also swept at any count.
    /// </summary>
    public IReadOnlyList<PeerId> Trim()
    {
        var now = Now;
        List<PeerId>? victims = null;
        if (_options.TrimOrder == TrimOrder.ZeroStreamsThenMostStreams)
        {
            // Every heartbeat sweeps: the cheap tests first, so a live connection costs no table lookup.
            foreach (var info in _connections.Values)
            {
                if (info.Streams == 0 && info.SilentFor(_options.SilencePeriod.Ticks, now) && IsTrimmable(info, now)) (victims ??= []).Add(info.Peer);
            }
            if (victims is not null)
            {
                foreach (var peer in victims) Closed(peer);
            }
        }
        // Below the high watermark, or trimmed within the silence period: only the sweep's victims, usually none.
        if (_connections.Count < _options.HighWater || (_lastTrim != long.MinValue && now - _lastTrim < _options.SilencePeriod.Ticks))
            return ReadOnlyLists.OrEmpty(victims);
        _lastTrim = now;
        victims ??= [];
        var excess = _connections.Count - _options.LowWater;
        var swept = victims.Count;
        foreach (var info in Order(Candidates(now), now).Take(excess)) victims.Add(info.Peer);
        for (var i = swept; i < victims.Count; i++) Closed(victims[i]);
        return victims;
    }

    /// <summary>The trimmable connections in the order the configured strategy would close them.</summary>
    public IReadOnlyList<PeerId> TrimCandidates() => [.. Order(Candidates(Now), Now).Select(info => info.Peer)];

    private List<ConnectionInfo> Candidates(long now) => [.. _connections.Values.Where(info => IsTrimmable(info, now))];

    /// <summary>Past its grace period and not protected.</summary>
    private bool IsTrimmable(ConnectionInfo info, long now) => now - info.OpenedAt >= _options.GracePeriod.Ticks && !IsProtected(info.Peer);

    private IEnumerable<ConnectionInfo> Order(List<ConnectionInfo> candidates, long now)
    {
        // The peer ID is the last key everywhere, so equal-looking connections trim in a stable order.
        if (_options.TrimOrder == TrimOrder.GoLibp2p)
        {
            return candidates
                .OrderBy(info => TagValue(info.Peer))
                .ThenBy(info => info.Streams == 0 ? 0 : 1)
                .ThenBy(info => info.Direction == ConnectionDirection.Inbound ? 0 : 1)
                .ThenBy(info => info.Streams)
                .ThenBy(info => info.Peer.Text, StringComparer.Ordinal);
        }
        return candidates
            .OrderBy(info => info.Streams == 0 ? 0 : 1)
            .ThenByDescending(info => info.Streams)
            .ThenBy(info => info.LastActivity)
            .ThenBy(info => TagValue(info.Peer))
            .ThenBy(info => info.Peer.Text, StringComparer.Ordinal);
    }
}
