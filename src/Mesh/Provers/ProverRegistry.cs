using System.Security.Cryptography;
using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Provers;

/// <summary>
/// The prover slots of every shard, as each node keeps them by applying the enrollment stream. A shard
/// that holds more than the subshard threshold is full: new enrollments go to one of its subshards,
/// chosen from the prover's ID (the same on every node), recursively. Joins of a frame are applied
/// most senior first. An enrollment that targets a full shard comes from a prover whose view missed
/// a slot update (the shard was full before the frame began), and is reported as <see cref="EnrollmentOutcome.MissedSlotUpdate"/>.
/// Not thread-safe: one owner applies the stream in order.
/// </summary>
public sealed class ProverRegistry
{
    private readonly ProverEnrollmentOptions _options;
    private readonly Dictionary<ShardAddress, List<PeerId>> _shards = [];
    private readonly Dictionary<PeerId, ShardAddress> _enrolled = [];

    /// <summary>Creates an empty registry; the options are validated here.</summary>
    public ProverRegistry(ProverEnrollmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Rings = new ProverRings(options.RingSize);
    }

    /// <summary>The settings in force.</summary>
    public ProverEnrollmentOptions Options => _options;

    /// <summary>Slot updates applied so far (accepted enrollments).</summary>
    public long Version { get; private set; }

    /// <summary>The prover rings.</summary>
    public ProverRings Rings { get; }

    /// <summary>Enrolled provers.</summary>
    public int Count => _enrolled.Count;

    /// <summary>Shards holding at least one prover.</summary>
    public IEnumerable<ShardAddress> Shards => _shards.Keys;

    /// <summary>The provers of a shard, in enrollment order.</summary>
    public IReadOnlyList<PeerId> ProversOf(ShardAddress shard) => _shards.TryGetValue(shard, out var list) ? list : [];

    /// <summary>True when the shard holds more provers than the subshard threshold.</summary>
    public bool IsFull(ShardAddress shard) => ProversOf(shard).Count > _options.SubshardThreshold;

    /// <summary>The shard a new enrollment of <paramref name="prover"/> belongs in, by this registry's view.</summary>
    public ShardAddress PlacementFor(PeerId prover)
    {
        ArgumentNullException.ThrowIfNull(prover);
        var shard = ShardAddress.Root;
        while (IsFull(shard)) shard = shard.Child(ChildIndex(prover, shard.Depth));
        return shard;
    }

    /// <summary>The shard a prover is enrolled in, or null.</summary>
    public ShardAddress? ShardOf(PeerId prover) => _enrolled.GetValueOrDefault(prover);

    /// <summary>Applies the joins of one frame, most senior first (ties by peer ID bytes), and returns one result per join in that order.</summary>
    public IReadOnlyList<EnrollmentResult> ApplyFrame(IEnumerable<ProverJoin> joins)
    {
        ArgumentNullException.ThrowIfNull(joins);
        var ordered = joins
            .OrderByDescending(j => j.Seniority)
            .ThenBy(j => Convert.ToHexString(j.Prover.Multihash), StringComparer.Ordinal)
            .ToList();
        // What the provers could have known: the slots as the frame began.
        var countsAtStart = _shards.ToDictionary(pair => pair.Key, pair => pair.Value.Count);
        return [.. ordered.Select(join => Apply(join, shard => countsAtStart.GetValueOrDefault(shard) > _options.SubshardThreshold))];
    }

    /// <summary>Applies one join on its own (a frame of one).</summary>
    public EnrollmentResult Apply(ProverJoin join) => ApplyFrame([join])[0];

    private EnrollmentResult Apply(ProverJoin join, Func<ShardAddress, bool> fullAtFrameStart)
    {
        var expected = PlacementFor(join.Prover);
        if (!join.Verify()) return new EnrollmentResult(join.Prover, EnrollmentOutcome.BadSignature, join.Target, expected, -1);
        if (_enrolled.TryGetValue(join.Prover, out var existing))
        {
            return new EnrollmentResult(join.Prover, EnrollmentOutcome.Duplicate, join.Target, existing, Rings.RingOf(join.Prover));
        }
        var outcome = EnrollmentOutcome.Accepted;
        if (!join.Target.Equals(expected))
        {
            if (!join.Target.IsAncestorOf(expected)) return new EnrollmentResult(join.Prover, EnrollmentOutcome.WrongShard, join.Target, expected, -1);
            // A target above the right shard on the prover's own path: full before this frame means the
            // prover's view is stale; filled by a more senior join of this frame means it could not know.
            if (fullAtFrameStart(join.Target)) return new EnrollmentResult(join.Prover, EnrollmentOutcome.MissedSlotUpdate, join.Target, expected, -1);
            outcome = EnrollmentOutcome.Redirected;
        }
        if (!_shards.TryGetValue(expected, out var provers)) _shards[expected] = provers = [];
        provers.Add(join.Prover);
        _enrolled.Add(join.Prover, expected);
        Version++;
        var ring = Rings.Add(join.Prover);
        return new EnrollmentResult(join.Prover, outcome, join.Target, expected, ring);
    }

    /// <summary>The child a prover goes to below a full shard at <paramref name="depth"/>: SHA-256(multihash || depth) mod the subshard count.</summary>
    private int ChildIndex(PeerId prover, int depth)
    {
        var multihash = prover.Multihash;
        Span<byte> input = stackalloc byte[multihash.Length + 1];
        multihash.CopyTo(input);
        input[^1] = (byte)depth;
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(input, digest);
        return digest[0] % _options.SubshardCount;
    }
}
