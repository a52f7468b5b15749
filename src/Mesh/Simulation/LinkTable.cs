namespace Rollout.Mesh.Simulation;

/// <summary>
/// The link parameters between every pair of nodes: one <see cref="LinkProfile"/> per pair of node
/// classes, overridden for single pairs where a scenario needs it, and which pairs are down. Links are
/// symmetric. Per-pair state is kept only for pairs that were overridden or toggled, so a 200,000-node
/// network costs nothing here until a scenario touches a pair.
/// </summary>
public sealed class LinkTable
{
    private const int ClassCount = 4;
    private readonly LinkProfile[] _byClass = new LinkProfile[ClassCount * ClassCount];
    private readonly Dictionary<ulong, LinkProfile> _byPair = [];

    // Odd generation = down. A message remembers the generation it was sent under, so a link that
    // goes down (even if it comes back up) drops what was in flight on it.
    private readonly Dictionary<ulong, int> _generations = [];
    private long _minimumLatency = -1;

    /// <summary>Every class pair starts with <paramref name="defaultProfile"/>.</summary>
    public LinkTable(LinkProfile defaultProfile)
    {
        defaultProfile.Validate();
        Array.Fill(_byClass, defaultProfile);
    }

    /// <summary>The shortest latency of any link, in ticks: no message arrives sooner after it is sent.</summary>
    public long MinimumLatencyTicks
    {
        get
        {
            if (_minimumLatency < 0)
            {
                var minimum = long.MaxValue;
                foreach (var profile in _byClass) minimum = Math.Min(minimum, profile.Latency.Ticks);
                foreach (var profile in _byPair.Values) minimum = Math.Min(minimum, profile.Latency.Ticks);
                _minimumLatency = minimum;
            }
            return _minimumLatency;
        }
    }

    /// <summary>Sets the profile between two classes, both ways.</summary>
    public void SetClassLink(NodeClass a, NodeClass b, LinkProfile profile)
    {
        profile.Validate();
        _byClass[(int)a * ClassCount + (int)b] = profile;
        _byClass[(int)b * ClassCount + (int)a] = profile;
        _minimumLatency = -1;
    }

    /// <summary>Sets the profile of one pair of nodes, both ways, over its classes' profile.</summary>
    public void SetPairLink(int a, int b, LinkProfile profile)
    {
        profile.Validate();
        _byPair[PairKey(a, b)] = profile;
        _minimumLatency = -1;
    }

    /// <summary>The profile between two classes.</summary>
    public LinkProfile GetClassLink(NodeClass a, NodeClass b) => _byClass[(int)a * ClassCount + (int)b];

    /// <summary>The profile a message from <paramref name="a"/> to <paramref name="b"/> travels under.</summary>
    public LinkProfile Get(int a, NodeClass classA, int b, NodeClass classB)
    {
        if (_byPair.Count > 0 && _byPair.TryGetValue(PairKey(a, b), out var profile))
            return profile;
        return _byClass[(int)classA * ClassCount + (int)classB];
    }

    /// <summary>Takes the link between two nodes down or up; taking it down drops what is in flight on it.</summary>
    public void SetUp(int a, int b, bool up)
    {
        var key = PairKey(a, b);
        var generation = _generations.GetValueOrDefault(key);
        var isUp = (generation & 1) == 0;
        if (isUp != up)
            _generations[key] = generation + 1;
    }

    /// <summary>True unless the link between the two nodes was taken down.</summary>
    public bool IsUp(int a, int b) => (Generation(a, b) & 1) == 0;

    /// <summary>The pair's generation: 0 for a link never toggled, odd while down.</summary>
    internal int Generation(int a, int b) =>
        _generations.Count == 0 ? 0 : _generations.GetValueOrDefault(PairKey(a, b));

    private static ulong PairKey(int a, int b)
    {
        var (low, high) = a <= b ? ((uint)a, (uint)b) : ((uint)b, (uint)a);
        return ((ulong)low << 32) | high;
    }
}
