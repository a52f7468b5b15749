using System.Numerics;
using System.Runtime.InteropServices;
using Rollout.Token.Addressing;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Genesis;

/// <summary>
/// Balances by address with the running total, owned by one build. Sums stay in <see cref="UInt128"/>
/// while they fit (every real balance does) and move to <see cref="BigInteger"/> only past 2^128, so the
/// million additions of a large snapshot neither allocate nor lose exactness; the limits are checked
/// exactly as with BigInteger throughout.
/// </summary>
internal sealed class GenesisLedger(BigInteger supplyCap, int capacity)
{
    private static readonly BigInteger SmallMax = UInt128.MaxValue;

    // Sized up front: growing a million-entry dictionary rehashes it about twenty times.
    private readonly Dictionary<QuilAddress, Balance> _balances = new(capacity);
    private readonly bool _capIsSmall = supplyCap <= SmallMax;
    private readonly UInt128 _smallCap = supplyCap <= SmallMax ? (UInt128)supplyCap : UInt128.MaxValue;
    private UInt128 _smallTotal;
    private BigInteger? _bigTotal;

    /// <summary>The running total.</summary>
    public BigInteger Total => _bigTotal ?? _smallTotal;

    /// <summary>Adds <paramref name="units"/> (≥ 0) to <paramref name="address"/>; throws naming <paramref name="where"/> when a limit is crossed.</summary>
    public void Add(QuilAddress address, BigInteger units, EntryLocation where)
    {
        ref var balance = ref CollectionsMarshal.GetValueRefOrAddDefault(_balances, address, out _);
        if (units <= SmallMax && balance.Big is null)
        {
            var small = (UInt128)units;
            var sum = balance.Small + small;
            if (sum >= small)
            {
                AddToTotal(small, units, where);
                balance.Small = sum;
                return;
            }
        }
        var big = balance.Value + units;
        if (big > QuilAmount.MaxUnits) throw new InvalidDataException($"{where}: the balance of {address} would exceed 2^256 − 1 units");
        AddToTotal(units <= SmallMax ? (UInt128)units : null, units, where);
        balance = big <= SmallMax ? new Balance((UInt128)big, null) : new Balance(0, big);
    }

    /// <summary>Every non-zero balance, sorted by address.</summary>
    public GenesisAllocation[] SortedAllocations()
    {
        var addresses = new QuilAddress[_balances.Count];
        var balances = new Balance[_balances.Count];
        var count = 0;
        foreach (var (address, balance) in _balances)
        {
            if (balance.IsZero) continue;
            addresses[count] = address;
            balances[count] = balance;
            count++;
        }
        // Addresses are distinct, so any correct sort gives one order: sort the two halves on two cores
        // (IComparable struct keys take the runtime's direct-compare sort), then merge.
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        var half = count / 2;
        if (count < 1 << 14) Array.Sort(addresses, order, 0, count);
        else Parallel.Invoke(() => Array.Sort(addresses, order, 0, half), () => Array.Sort(addresses, order, half, count - half));
        var allocations = new GenesisAllocation[count];
        int left = 0, right = count < 1 << 14 ? count : half, leftEnd = right, next = 0;
        while (left < leftEnd || right < count)
        {
            var fromLeft = right >= count || (left < leftEnd && addresses[left] < addresses[right]);
            var at = fromLeft ? left++ : right++;
            allocations[next++] = new GenesisAllocation(addresses[at], balances[order[at]].Value);
        }
        return allocations;
    }

    private void AddToTotal(UInt128? small, BigInteger units, EntryLocation where)
    {
        if (_bigTotal is null && small is { } value)
        {
            var sum = _smallTotal + value;
            if (sum >= value)
            {
                _smallTotal = sum;
                if (_capIsSmall && sum > _smallCap) throw CapExceeded(where);
                return;
            }
        }
        _bigTotal = Total + units;
        if (_bigTotal > supplyCap) throw CapExceeded(where);
    }

    private InvalidDataException CapExceeded(EntryLocation where) =>
        new($"{where}: the total of {Total} units exceeds the supply cap of {supplyCap} units");

    /// <summary>A balance: <see cref="Small"/> unless it passed 2^128, then <see cref="Big"/>.</summary>
    private record struct Balance(UInt128 Small, BigInteger? Big)
    {
        public readonly BigInteger Value => Big ?? Small;

        public readonly bool IsZero => Big is null && Small == 0;
    }
}
