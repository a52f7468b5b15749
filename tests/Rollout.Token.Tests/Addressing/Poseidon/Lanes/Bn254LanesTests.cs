using System.Numerics;
using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Token.Addressing;
using Rollout.Token.Addressing.Poseidon;
using Rollout.Token.Addressing.Poseidon.Lanes;

namespace Rollout.Token.Tests.Addressing.Poseidon.Lanes;

public sealed class Bn254LanesTests
{
    private static readonly BigInteger R = Bn254Scalar.Modulus;
    private static readonly BigInteger MontgomeryR = BigInteger.One << (Bn254Lanes.ReductionSteps * Bn254Lanes.LimbBits);
    private static readonly BigInteger Sliver = BigInteger.One << 209;   // what a reduction may leave above r
    private static readonly BigInteger InverseR = BigInteger.ModPow(MontgomeryR % R, R - 2, R);
    private static readonly int Lanes = Bn254Lanes.Lanes;

    // Factor values (up to 52 bits: pair sums and doubled limbs) where the splits' rounding is at its edges.
    private static readonly ulong[] EdgeFactors =
    [
        0, 1, 2, 3, 1UL << 26, (1UL << 26) + 1, 1UL << 50, 1UL << 51, (1UL << 51) - 1, (1UL << 51) + 1,
        (1UL << 52) - 1, (1UL << 52) - 2, 0xAAAAAAAAAAAAA, 0x5555555555555, Bn254Lanes.P0, Bn254Lanes.P4,
    ];

    // Operands below 2r (field elements plus 0 or 1 times r), the widest inputs the permutation multiplies.
    private static readonly Gen<BigInteger> Operand = FieldGenerators.Element.Zip(Gen.Choose(0, 1)).Select(p => p.Item1 + p.Item2 * R);

    [Fact]
    public void Split_PortableOnEdgeFactors_IsTheExactHighAndLowParts() => AssertSplitsExactly<PortableProductSplit>();

    [Fact]
    public void Split_FusedOnEdgeFactors_IsTheExactHighAndLowPartsWhereSupported()
    {
        if (FusedProductSplit.IsSupported) AssertSplitsExactly<FusedProductSplit>();
        // Without AVX-512 the fused split must never be chosen: the derivation then hashes one peer at a time.
        else Assert.False(PoseidonPeerAddressDerivation.UsesVectorLanes);
    }

    [Fact]
    public void Split_RandomLimbs_AgreesBetweenPortableAndExact()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue).Two().ArrayOf(Lanes * 2)), seeds =>
        {
            var limbs = seeds.Select(p => ((ulong)p.Item1 << 22 ^ (ulong)p.Item2) & ((1UL << 52) - 1)).ToArray();
            if (limbs.Length < 2 * Lanes) throw new InvalidOperationException("the generator gave the wrong length");
            return SplitMatchesExact<PortableProductSplit>(limbs[..Lanes], limbs[Lanes..(2 * Lanes)])
                && (!FusedProductSplit.IsSupported || SplitMatchesExact<FusedProductSplit>(limbs[..Lanes], limbs[Lanes..(2 * Lanes)]));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MontgomeryFactor_AnyColumn_MakesTheColumnPlusFactorTimesRAMultipleOfTheLimb()
    {
        // Columns are signed 64-bit sums: negative, zero, above 2^32 (where only the low 32 bits are multiplied) and random.
        var edges = new[] { 0UL, 1UL, ulong.MaxValue, 1UL << 51, (1UL << 51) - 1, 0xFFFF_FFFFUL, 1UL << 32, 0x8000_0000_0000_0000UL };
        Prop.ForAll(Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Two().ArrayOf(Lanes)), seeds =>
        {
            var columns = seeds.Select(p => (ulong)(uint)p.Item1 << 32 | (uint)p.Item2).Concat(edges).ToArray();
            for (var start = 0; start + Lanes <= columns.Length; start += Lanes)
            {
                var m = Bn254LaneReduction.MontgomeryFactor(Vector512.Create(columns.AsSpan(start, Lanes)));
                for (var lane = 0; lane < Lanes; lane++)
                {
                    var limb = BigInteger.One << Bn254Lanes.LimbBits;
                    if (m[lane] >= Bn254Lanes.LimbMask + 1 || (columns[start + lane] + m[lane] * R) % limb != 0) return false;
                }
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MultiplyAndSquare_OperandsBelowTwoR_AreTheMontgomeryProductJustAboveR()
    {
        Prop.ForAll(Arb.From(Operand.ArrayOf(2 * Lanes)), values =>
        {
            if (values.Length < 2 * Lanes) throw new InvalidOperationException("the generator gave the wrong length");
            var (left, right) = (values[..Lanes], values[Lanes..]);
            // The same array twice squares (Square), two arrays multiply (MultiplyOperands).
            return MultiplyHolds<PortableProductSplit>(left, right)
                && MultiplyHolds<PortableProductSplit>(left, left)
                && (!FusedProductSplit.IsSupported || (MultiplyHolds<FusedProductSplit>(left, right) && MultiplyHolds<FusedProductSplit>(right, right)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MultiplyAndSquare_AtTheEdgesNearRAndTwoToThe255_AreTheMontgomeryProductJustAboveR()
    {
        var top = (BigInteger.One << 255) - 1;   // every limb full
        var edges = new[] { BigInteger.Zero, BigInteger.One, R - 1, R, R + 1, 2 * R - 1, 2 * R, top, (BigInteger.One << 253) - 1, BigInteger.One << 254, MontgomeryR % R };
        foreach (var a in edges)
        {
            var left = Enumerable.Repeat(a, Lanes).ToArray();
            var right = edges.Concat(edges).Take(Lanes).ToArray();
            Assert.True(MultiplyHolds<PortableProductSplit>(left, right), $"portable {a}");
            Assert.True(MultiplyHolds<PortableProductSplit>(left, left), $"portable square {a}");
            if (!FusedProductSplit.IsSupported) continue;
            Assert.True(MultiplyHolds<FusedProductSplit>(left, right), $"fused {a}");
            Assert.True(MultiplyHolds<FusedProductSplit>(left, left), $"fused square {a}");
        }
    }

    [Fact]
    public void DotConstant_UpToTheMostTermsWithAndWithoutBias_IsTheReducedSumJustAboveR()
    {
        var cases = Gen.Choose(1, Bn254Lanes.MaxTerms).SelectMany(n =>
            FieldGenerators.Element.Zip(Gen.Choose(0, 1)).Select(p => p.Item1 + p.Item2 * R).ArrayOf(n * Lanes)
                .Zip(FieldGenerators.Element.ArrayOf(n))
                .Zip(FieldGenerators.Element.ArrayOf(Lanes).Zip(Gen.Elements(true, false))));
        Prop.ForAll(Arb.From(cases), testCase =>
        {
            var ((variables, constants), (bias, useBias)) = testCase;
            var n = constants.Length;
            if (variables.Length != n * Lanes || bias.Length != Lanes) throw new InvalidOperationException("the generator gave the wrong length");
            return DotHolds<PortableProductSplit>(variables, constants, useBias ? bias : null)
                && (!FusedProductSplit.IsSupported || DotHolds<FusedProductSplit>(variables, constants, useBias ? bias : null));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DotConstant_LargestOperandsAtTheMostTerms_StaysExact()
    {
        // Every term at its largest (2^255 − 1, all limbs and pair sums full, times r − 1) fills the columns
        // further than the permutation ever can; a zero lane leaves the Karatsuba corrections most negative.
        var n = Bn254Lanes.MaxTerms;
        var variables = Enumerable.Repeat((BigInteger.One << 255) - 1, n * Lanes).ToArray();
        for (var k = 0; k < n; k++) variables[k * Lanes + 1] = BigInteger.Zero;
        var constants = Enumerable.Repeat(R - 1, n).ToArray();
        var bias = Enumerable.Repeat(R - 1, Lanes).ToArray();
        Assert.True(DotHolds<PortableProductSplit>(variables, constants, bias));
        if (FusedProductSplit.IsSupported) Assert.True(DotHolds<FusedProductSplit>(variables, constants, bias));
    }

    [Fact]
    public void Add_CarriesAcrossEveryLimb_IsTheSum()
    {
        // As in the permutation: an element (below r plus a sliver) plus a round constant (below r).
        Prop.ForAll(Arb.From(FieldGenerators.Element.ArrayOf(Lanes).Zip(FieldGenerators.Element)), pair =>
        {
            var (values, constant) = pair;
            if (values.Length != Lanes) throw new InvalidOperationException("the generator gave the wrong length");
            var allOnes = (BigInteger.One << 254) - 1;   // every limb full but the top: each carry runs through
            values[0] = allOnes;
            var a = ToLimbVectors(values);
            var b = new ulong[Bn254Lanes.Limbs];
            Bn254Lanes.ToLimbs(constant, b);
            var sum = new Vector512<ulong>[Bn254Lanes.Limbs];
            Bn254Lanes.Add(a, b, sum);
            return FromLimbVectors(sum).SequenceEqual(values.Select(v => v + constant))
                && sum.All(limb => Vector512.LessThanAll(limb, Vector512.Create(1UL << Bn254Lanes.LimbBits)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ToMontgomery_TimesCanonicalOneAndReduced_GivesTheElementBack()
    {
        var elements = new[] { BigInteger.Zero, BigInteger.One, R - 1, 12345, (R - 1) / 2, BigInteger.One << 200, R - 2, 7 };
        var forms = elements.Select(e => Bn254Lanes.ToMontgomery(Bn254Scalar.FromBigInteger(e))).ToArray();
        Assert.Equal(elements.Select(e => e * MontgomeryR % R), forms);
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        var (x, one) = (new Vector512<double>[Bn254Lanes.OperandSize], new Vector512<double>[Bn254Lanes.OperandSize]);
        Bn254Lanes.ToOperands(ToLimbVectors(forms), x);
        Bn254Lanes.ToOperands(ToLimbVectors(Enumerable.Repeat(BigInteger.One, Lanes).ToArray()), one);
        Bn254LaneProducts.MultiplyOperands<PortableProductSplit>(x, one, result);
        Bn254Lanes.ReduceCanonical(result);
        Assert.Equal(elements, FromLimbVectors(result));
    }

    [Fact]
    public void ReduceCanonical_JustBelowAndAtAndAboveR_SubtractsRExactlyWhenNotBelow()
    {
        var values = new[] { R - 1, R, R + 1, R + Sliver, BigInteger.Zero, 2 * R - 1, Sliver, R - Sliver };
        var limbs = ToLimbVectors(values);
        Bn254Lanes.ReduceCanonical(limbs);
        Assert.Equal(values.Select(v => v >= R ? v - R : v), FromLimbVectors(limbs));
    }

    private static void AssertSplitsExactly<TSplit>()
        where TSplit : struct, IProductSplit
    {
        foreach (var x in EdgeFactors)
        {
            var left = Enumerable.Repeat(x, Lanes).ToArray();
            for (var start = 0; start < EdgeFactors.Length; start += Lanes)
            {
                var right = Enumerable.Range(start, Lanes).Select(i => EdgeFactors[i % EdgeFactors.Length]).ToArray();
                Assert.True(SplitMatchesExact<TSplit>(left, right), $"{typeof(TSplit).Name} {x:x}");
            }
        }
    }

    // Both splits: at 2^52 for any factors below 2^52, at 2^51 with one factor below 2^51 (products below 2^103).
    private static bool SplitMatchesExact<TSplit>(ulong[] x, ulong[] y)
        where TSplit : struct, IProductSplit
    {
        var narrow = x.Select(v => v & Bn254Lanes.LimbMask).ToArray();
        return SplitMatchesExact<TSplit>(x, y, Bn254Lanes.Anchor52, 52) && SplitMatchesExact<TSplit>(narrow, y, Bn254Lanes.Anchor51, 51);
    }

    private static bool SplitMatchesExact<TSplit>(ulong[] x, ulong[] y, double anchor, int bits)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(
            Vector512.Create(x.Select(v => (double)v).ToArray()), Vector512.Create(y.Select(v => (double)v).ToArray()),
            Vector512.Create(anchor), Vector512.Create(anchor + Bn254Lanes.Two52), Vector512.Create((double)(1UL << bits)),
            out var hi, out var lo);
        for (var lane = 0; lane < Lanes; lane++)
        {
            var product = (UInt128)x[lane] * y[lane];
            if (hi[lane] - BitConverter.DoubleToUInt64Bits(anchor) != (ulong)(product >> bits)) return false;
            if (lo[lane] - BitConverter.DoubleToUInt64Bits(Bn254Lanes.Two52) != (ulong)(product & ((UInt128.One << bits) - 1))) return false;
        }
        return true;
    }

    private static bool MultiplyHolds<TSplit>(BigInteger[] a, BigInteger[] b)
        where TSplit : struct, IProductSplit
    {
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        if (ReferenceEquals(a, b))
        {
            Bn254LaneProducts.Square<TSplit>(ToDoubleVectors(a), result);
            return Holds(FromLimbVectors(result));
        }
        var (x, y) = (new Vector512<double>[Bn254Lanes.OperandSize], new Vector512<double>[Bn254Lanes.OperandSize]);
        Bn254Lanes.ToOperands(ToLimbVectors(a), x);
        Bn254Lanes.ToOperands(ToLimbVectors(b), y);
        Bn254LaneProducts.MultiplyOperands<TSplit>(x, y, result);
        return Holds(FromLimbVectors(result));

        bool Holds(BigInteger[] actual) =>
            Enumerable.Range(0, Lanes).All(lane => actual[lane] < R + Sliver && actual[lane] % R == a[lane] * b[lane] * InverseR % R);
    }

    private static bool DotHolds<TSplit>(BigInteger[] variables, BigInteger[] constants, BigInteger[]? bias)
        where TSplit : struct, IProductSplit
    {
        var n = constants.Length;
        const int O = Bn254Lanes.OperandSize;
        var a = new Vector512<double>[n * O];
        var b = new double[n * O];
        for (var k = 0; k < n; k++)
        {
            Bn254Lanes.ToOperands(ToLimbVectors(variables.Skip(k * Lanes).Take(Lanes).ToArray()), a.AsSpan(k * O, O));
            Bn254Lanes.ToOperand(constants[k], b.AsSpan(k * O, O));
        }
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        Bn254LaneProducts.DotConstant<TSplit>(a, b, bias is null ? default : ToLimbVectors(bias), result);
        var actual = FromLimbVectors(result);
        return Enumerable.Range(0, Lanes).All(lane =>
        {
            var sum = Enumerable.Range(0, n).Aggregate(BigInteger.Zero, (s, k) => s + variables[k * Lanes + lane] * constants[k]);
            var expected = ((bias?[lane] ?? 0) + sum * InverseR) % R;
            return actual[lane] < R + Sliver && actual[lane] % R == expected;
        });
    }

    private static Vector512<double>[] ToDoubleVectors(BigInteger[] values) =>
        ToLimbVectors(values).Select(Vector512.ConvertToDouble).ToArray();

    private static Vector512<ulong>[] ToLimbVectors(BigInteger[] values)
    {
        var lanes = new ulong[Bn254Lanes.Limbs, Lanes];
        var limbs = new ulong[Bn254Lanes.Limbs];
        for (var lane = 0; lane < Lanes; lane++)
        {
            Bn254Lanes.ToLimbs(values[lane], limbs);
            for (var i = 0; i < Bn254Lanes.Limbs; i++) lanes[i, lane] = limbs[i];
        }
        return Enumerable.Range(0, Bn254Lanes.Limbs)
            .Select(i => Vector512.Create(Enumerable.Range(0, Lanes).Select(lane => lanes[i, lane]).ToArray()))
            .ToArray();
    }

    private static BigInteger[] FromLimbVectors(Vector512<ulong>[] limbs) =>
        Enumerable.Range(0, Lanes).Select(lane => Bn254Lanes.FromLimbs(limbs.Select(v => v[lane]).ToArray())).ToArray();
}
