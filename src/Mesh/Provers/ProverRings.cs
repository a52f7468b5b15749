using Rollout.Mesh.Identity;

namespace Rollout.Mesh.Provers;

/// <summary>
/// Prover rings (2.0): enrolled provers are appended to the last ring, which closes when it holds
/// the ring size (1,024); the next join opens a new ring. Rewards are divided by 2^ring.
/// </summary>
public sealed class ProverRings(int ringSize)
{
    private readonly List<List<PeerId>> _rings = [];
    private readonly Dictionary<PeerId, int> _ringOf = [];

    /// <summary>Rings opened so far.</summary>
    public int Count => _rings.Count;

    /// <summary>Members of a ring, in join order.</summary>
    public IReadOnlyList<PeerId> Ring(int index) => _rings[index];

    /// <summary>Appends a prover to the last open ring and returns the ring's index.</summary>
    public int Add(PeerId prover)
    {
        if (_ringOf.TryGetValue(prover, out var existing)) return existing;
        if (_rings.Count == 0 || _rings[^1].Count >= ringSize) _rings.Add([]);
        _rings[^1].Add(prover);
        _ringOf.Add(prover, _rings.Count - 1);
        return _rings.Count - 1;
    }

    /// <summary>The ring of a prover, or -1.</summary>
    public int RingOf(PeerId prover) => _ringOf.GetValueOrDefault(prover, -1);

    /// <summary>The reward divisor of a ring: 2^ring.</summary>
    public static System.Numerics.BigInteger RewardDivisor(int ring) => System.Numerics.BigInteger.Pow(2, ring);
}
