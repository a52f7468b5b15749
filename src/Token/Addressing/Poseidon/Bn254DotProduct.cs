using System.Runtime.CompilerServices;

namespace Rollout.Token.Addressing.Poseidon;

/// <summary>
/// Σ aᵢ·bᵢ mod r with one Montgomery reduction for the whole sum instead of one per product: the MDS
/// products are sums of up to 17 terms, and the reduction is half the cost of each multiplication.
/// </summary>
internal static class Bn254DotProduct
{
    // -r^-1 mod 2^64, as in Bn254Scalar.
    private const ulong QInvNeg = 0xc2e1f593efffffff;

    /// <summary>The most terms one sum may hold, so that the reduced sum stays below 2^256 (see the bound below).</summary>
    public const int MaxTerms = 20;

    /// <summary>Σ a[i]·b[i] over the common length (at most <see cref="MaxTerms"/>).</summary>
    public static Bn254Scalar Compute(ReadOnlySpan<Bn254Scalar> a, ReadOnlySpan<Bn254Scalar> b)
    {
        var n = a.Length;
        if (b.Length != n || n > MaxTerms) throw new ArgumentException("the two vectors differ in length or are too long");
        b = b[..n];

        // Product scanning (Comba): column k sums every aᵢ[x]·bᵢ[y] with x + y = k into a 192-bit accumulator.
        ulong c0 = 0, c1 = 0, c2 = 0;
        for (var i = 0; i < n; i++) Accumulate(a[i].L0, b[i].L0, ref c0, ref c1, ref c2);
        var t0 = Shift(ref c0, ref c1, ref c2);
        for (var i = 0; i < n; i++)
        {
            ref readonly var x = ref a[i];
            ref readonly var y = ref b[i];
            Accumulate(x.L0, y.L1, ref c0, ref c1, ref c2);
            Accumulate(x.L1, y.L0, ref c0, ref c1, ref c2);
        }
        var t1 = Shift(ref c0, ref c1, ref c2);
        for (var i = 0; i < n; i++)
        {
            ref readonly var x = ref a[i];
            ref readonly var y = ref b[i];
            Accumulate(x.L0, y.L2, ref c0, ref c1, ref c2);
            Accumulate(x.L1, y.L1, ref c0, ref c1, ref c2);
            Accumulate(x.L2, y.L0, ref c0, ref c1, ref c2);
        }
        var t2 = Shift(ref c0, ref c1, ref c2);
        for (var i = 0; i < n; i++)
        {
            ref readonly var x = ref a[i];
            ref readonly var y = ref b[i];
            Accumulate(x.L0, y.L3, ref c0, ref c1, ref c2);
            Accumulate(x.L1, y.L2, ref c0, ref c1, ref c2);
            Accumulate(x.L2, y.L1, ref c0, ref c1, ref c2);
            Accumulate(x.L3, y.L0, ref c0, ref c1, ref c2);
        }
        var t3 = Shift(ref c0, ref c1, ref c2);
        for (var i = 0; i < n; i++)
        {
            ref readonly var x = ref a[i];
            ref readonly var y = ref b[i];
            Accumulate(x.L1, y.L3, ref c0, ref c1, ref c2);
            Accumulate(x.L2, y.L2, ref c0, ref c1, ref c2);
            Accumulate(x.L3, y.L1, ref c0, ref c1, ref c2);
        }
        var t4 = Shift(ref c0, ref c1, ref c2);
        for (var i = 0; i < n; i++)
        {
            ref readonly var x = ref a[i];
            ref readonly var y = ref b[i];
            Accumulate(x.L2, y.L3, ref c0, ref c1, ref c2);
            Accumulate(x.L3, y.L2, ref c0, ref c1, ref c2);
        }
        var t5 = Shift(ref c0, ref c1, ref c2);
        for (var i = 0; i < n; i++) Accumulate(a[i].L3, b[i].L3, ref c0, ref c1, ref c2);
        var t6 = Shift(ref c0, ref c1, ref c2);
        var t7 = c0;
        var t8 = c1;

        // Montgomery reduction of the nine-limb sum T: each step adds m·r at limb i, clearing it, and carries
        // up to the top. The result (T + M·r) / 2^256 is below 20·r·(r / 2^256) + r < 4.8·r < 2^256.
        var carry = AddMultipleOfModulus(t0, ref t1, ref t2, ref t3, ref t4);
        Carry(carry, ref t5, ref t6, ref t7, ref t8);
        carry = AddMultipleOfModulus(t1, ref t2, ref t3, ref t4, ref t5);
        Carry(carry, ref t6, ref t7, ref t8);
        carry = AddMultipleOfModulus(t2, ref t3, ref t4, ref t5, ref t6);
        Carry(carry, ref t7, ref t8);
        carry = AddMultipleOfModulus(t3, ref t4, ref t5, ref t6, ref t7);
        System.Diagnostics.Debug.Assert(t8 + carry == 0, "the reduced sum is below 2^256");

        // Now t4..t7 hold a value below 4.8·r; subtract r until it is below r.
        while (!Bn254Scalar.IsBelowModulus(t4, t5, t6, t7))
        {
            var d0 = t4 - Bn254Scalar.Q0;
            var borrow = t4 < Bn254Scalar.Q0 ? 1UL : 0UL;
            var d1 = t5 - Bn254Scalar.Q1 - borrow;
            borrow = (t5 < Bn254Scalar.Q1 || (borrow == 1 && t5 == Bn254Scalar.Q1)) ? 1UL : 0UL;
            var d2 = t6 - Bn254Scalar.Q2 - borrow;
            borrow = (t6 < Bn254Scalar.Q2 || (borrow == 1 && t6 == Bn254Scalar.Q2)) ? 1UL : 0UL;
            t7 = t7 - Bn254Scalar.Q3 - borrow;
            (t4, t5, t6) = (d0, d1, d2);
        }
        return new Bn254Scalar(t4, t5, t6, t7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ulong x, ulong y, ref ulong c0, ref ulong c1, ref ulong c2)
    {
        var hi = WideMultiply.High(x, y);
        var lo = x * y;
        c0 += lo;
        hi += c0 < lo ? 1UL : 0UL;   // hi ≤ 2^64 − 2, so this cannot wrap
        c1 += hi;
        c2 += c1 < hi ? 1UL : 0UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Shift(ref ulong c0, ref ulong c1, ref ulong c2)
    {
        var limb = c0;
        (c0, c1, c2) = (c1, c2, 0);
        return limb;
    }

    // With m = low·(−r⁻¹) mod 2^64, adds m·r to the five limbs starting at the one holding low, which
    // becomes zero and is dropped; returns the carry out of the fifth limb.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddMultipleOfModulus(ulong low, ref ulong t1, ref ulong t2, ref ulong t3, ref ulong t4)
    {
        var m = low * QInvNeg;
        var hi = WideMultiply.High(m, Bn254Scalar.Q0);
        var lo = m * Bn254Scalar.Q0;
        var carry = hi + ((lo + low) < lo ? 1UL : 0UL);
        carry = AddProduct(m, Bn254Scalar.Q1, ref t1, carry);
        carry = AddProduct(m, Bn254Scalar.Q2, ref t2, carry);
        carry = AddProduct(m, Bn254Scalar.Q3, ref t3, carry);
        t4 += carry;
        return t4 < carry ? 1UL : 0UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry(ulong carry, ref ulong a, ref ulong b, ref ulong c, ref ulong d)
    {
        a += carry;
        carry = a < carry ? 1UL : 0UL;
        Carry(carry, ref b, ref c, ref d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry(ulong carry, ref ulong a, ref ulong b, ref ulong c)
    {
        a += carry;
        carry = a < carry ? 1UL : 0UL;
        Carry(carry, ref b, ref c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry(ulong carry, ref ulong a, ref ulong b)
    {
        a += carry;
        b += a < carry ? 1UL : 0UL;
    }

    // t += m·q + carry; returns the new carry.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddProduct(ulong m, ulong q, ref ulong t, ulong carry)
    {
        var hi = WideMultiply.High(m, q);
        var lo = m * q;
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        t += lo;
        return hi + (t < lo ? 1UL : 0UL);
    }
}
