using System.Numerics;

namespace Rollout.Token.Genesis;

/// <summary>
/// A per-source total of non-negative amounts: a <see cref="UInt128"/> while it fits, a
/// <see cref="BigInteger"/> beyond, so summing a million rewards allocates nothing and never wraps.
/// </summary>
internal struct ExactSum
{
    private static readonly BigInteger SmallMax = UInt128.MaxValue;
    private UInt128 _small;
    private BigInteger? _big;

    /// <summary>The sum so far.</summary>
    public readonly BigInteger Value => _big ?? _small;

    /// <summary>Adds <paramref name="units"/> (≥ 0).</summary>
    public void Add(BigInteger units)
    {
        if (_big is null && units <= SmallMax)
        {
            var small = (UInt128)units;
            var sum = _small + small;
            if (sum >= small)
            {
                _small = sum;
                return;
            }
        }
        _big = Value + units;
    }
}
