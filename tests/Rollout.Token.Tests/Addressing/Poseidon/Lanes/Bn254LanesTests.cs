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
    private static readonly BigInteger MontgomeryR = BigInteger.One << (Bn254Lanes.Limbs * Bn254Lanes.LimbBits);
    private static readonly BigInteger InverseR = BigInteger.ModPow(MontgomeryR % R, R - 2, R);
    private static readonly int Lanes = Bn254Lanes.Lanes;

    // Limb values where the split's rounding and the column carries are at their edges.
    private static readonly ulong[] EdgeLimbs =
    [
        0, 1, 2, 3, 1UL << 26, (1UL << 26) + 1, 1UL << 51, (1UL << 51) - 1, (1UL << 51) + 1,
        Bn254Lanes.LimbMask, Bn254Lanes.LimbMask - 1, 0xAAAAAAAAAAAAA, 0x5555555555555, Bn254Lanes.P0, Bn254Lanes.P4,
    ];

    // Operands below 3r: field elements plus 0, 1 or 2 times r, the widest inputs the permutation multiplies.
    private static readonly Gen<BigInteger> Operand = FieldGenerators.Element.Zip(Gen.Choose(0, 2)).Select(p => p.Item1 + p.Item2 * R);

    [Fact]
    public void Split_PortableOnEdgeLimbs_IsTheExactHighAndLowHalves() => AssertSplitsExactly<PortableProductSplit>();

    [Fact]
    public void Split_FusedOnEdgeLimbs_IsTheExactHighAndLowHalvesWhereSupported()
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
            var limbs = seeds.Select(p => ((ulong)p.Item1 << 21 ^ (ulong)p.Item2) & Bn254Lanes.LimbMask).ToArray();
            if (limbs.Length < 2 * Lanes) throw new InvalidOperationException("the generator gave the wrong length");
            return SplitMatchesExact<PortableProductSplit>(limbs[..Lanes], limbs[Lanes..(2 * Lanes)])
                && (!FusedProductSplit.IsSupported || SplitMatchesExact<FusedProductSplit>(limbs[..Lanes], limbs[Lanes..(2 * Lanes)]));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Multiply_OperandsBelowThreeR_IsTheMontgomeryProductBelowR()
    {
        Prop.ForAll(Arb.From(Operand.ArrayOf(2 * Lanes)), values =>
        {
            if (values.Length < 2 * Lanes) throw new InvalidOperationException("the generator gave the wrong length");
            return MultiplyHolds<PortableProductSplit>(values[..Lanes], values[Lanes..])
                && (!FusedProductSplit.IsSupported || MultiplyHolds<FusedProductSplit>(values[..Lanes], values[Lanes..]));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Multiply_AtTheEdgesNearRAndItsMultiples_IsTheMontgomeryProductBelowR()
    {
        var edges = new[] { BigInteger.Zero, BigInteger.One, R - 1, R, R + 1, 2 * R - 1, 2 * R, 3 * R - 1, (BigInteger.One << 253) - 1, BigInteger.One << 254, MontgomeryR % R };
        foreach (var a in edges)
        {
            var left = Enumerable.Repeat(a, Lanes).ToArray();
            var right = edges.Concat(edges).Take(Lanes).ToArray();
            Assert.True(MultiplyHolds<PortableProductSplit>(left, right), $"portable {a}");
            if (FusedProductSplit.IsSupported) Assert.True(MultiplyHolds<FusedProductSplit>(left, right), $"fused {a}");
        }
    }

    [Fact]
    public void DotConstant_UpToTheMostTermsWithAndWithoutBias_IsTheReducedSumBelowTwoR()
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
        // Every term at its largest (2r − 1 times r − 1) fills the columns as far as the permutation ever can.
        var n = Bn254Lanes.MaxTerms;
        var variables = Enumerable.Repeat(2 * R - 1, n * Lanes).ToArray();
        var constants = Enumerable.Repeat(R - 1, n).ToArray();
        var bias = Enumerable.Repeat(R - 1, Lanes).ToArray();
        Assert.True(DotHolds<PortableProductSplit>(variables, constants, bias));
        if (FusedProductSplit.IsSupported) Assert.True(DotHolds<FusedProductSplit>(variables, constants, bias));
    }

    [Fact]
    public void Add_CarriesAcrossEveryLimb_IsTheSum()
    {
        Prop.ForAll(Arb.From(Operand.ArrayOf(Lanes).Zip(Operand)), pair =>
        {
            var (values, constant) = pair;
            if (values.Length != Lanes) throw new InvalidOperationException("the generator gave the wrong length");
            var allOnes = (BigInteger.One << 255) - 1;   // every limb full: each carry runs through
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
    public void ToMontgomeryLimbs_TimesCanonicalOne_GivesTheElementBack()
    {
        var elements = new[] { BigInteger.Zero, BigInteger.One, R - 1, 12345, (R - 1) / 2, BigInteger.One << 200, R - 2, 7 };
        var limbs = new ulong[Bn254Lanes.Limbs];
        var forms = elements.Select(e =>
        {
            Bn254Lanes.ToMontgomeryLimbs(Bn254Scalar.FromBigInteger(e), limbs);
            return Bn254Lanes.FromLimbs(limbs);
        }).ToArray();
        Assert.Equal(elements.Select(e => e * MontgomeryR % R), forms);
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        Bn254Lanes.Multiply<PortableProductSplit>(ToDoubleVectors(forms), ToDoubleVectors(Enumerable.Repeat(BigInteger.One, Lanes).ToArray()), result);
        Assert.Equal(elements, FromLimbVectors(result));
    }

    private static void AssertSplitsExactly<TSplit>()
        where TSplit : struct, IProductSplit
    {
        foreach (var x in EdgeLimbs)
        {
            var left = Enumerable.Repeat(x, Lanes).ToArray();
            for (var start = 0; start < EdgeLimbs.Length; start += Lanes)
            {
                var right = Enumerable.Range(start, Lanes).Select(i => EdgeLimbs[i % EdgeLimbs.Length]).ToArray();
                Assert.True(SplitMatchesExact<TSplit>(left, right), $"{typeof(TSplit).Name} {x:x}");
            }
        }
    }

    private static bool SplitMatchesExact<TSplit>(ulong[] x, ulong[] y)
        where TSplit : struct, IProductSplit
    {
        TSplit.Split(Vector512.Create(x.Select(v => (double)v).ToArray()), Vector512.Create(y.Select(v => (double)v).ToArray()), out var hi, out var lo);
        for (var lane = 0; lane < Lanes; lane++)
        {
            var product = (UInt128)x[lane] * y[lane];
            if (hi[lane] - BitConverter.DoubleToUInt64Bits(Bn254Lanes.Two104) != (ulong)(product >> 52)) return false;
            if (lo[lane] - BitConverter.DoubleToUInt64Bits(Bn254Lanes.Two52) != (ulong)(product & Bn254Lanes.LimbMask)) return false;
        }
        return true;
    }

    private static bool MultiplyHolds<TSplit>(BigInteger[] a, BigInteger[] b)
        where TSplit : struct, IProductSplit
    {
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        Bn254Lanes.Multiply<TSplit>(ToDoubleVectors(a), ToDoubleVectors(b), result);
        var actual = FromLimbVectors(result);
        return Enumerable.Range(0, Lanes).All(lane => actual[lane] < R && actual[lane] == a[lane] * b[lane] * InverseR % R);
    }

    private static bool DotHolds<TSplit>(BigInteger[] variables, BigInteger[] constants, BigInteger[]? bias)
        where TSplit : struct, IProductSplit
    {
        var n = constants.Length;
        var a = new Vector512<double>[n * Bn254Lanes.Limbs];
        var b = new double[n * Bn254Lanes.Limbs];
        var limbs = new ulong[Bn254Lanes.Limbs];
        for (var k = 0; k < n; k++)
        {
            ToDoubleVectors(variables.Skip(k * Lanes).Take(Lanes).ToArray()).CopyTo(a, k * Bn254Lanes.Limbs);
            Bn254Lanes.ToLimbs(constants[k], limbs);
            for (var i = 0; i < Bn254Lanes.Limbs; i++) b[k * Bn254Lanes.Limbs + i] = limbs[i];
        }
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        Bn254Lanes.DotConstant<TSplit>(a, b, bias is null ? default : ToLimbVectors(bias), result);
        var actual = FromLimbVectors(result);
        return Enumerable.Range(0, Lanes).All(lane =>
        {
            var sum = Enumerable.Range(0, n).Aggregate(BigInteger.Zero, (s, k) => s + variables[k * Lanes + lane] * constants[k]);
            var expected = ((bias?[lane] ?? 0) + sum * InverseR) % R;
            return actual[lane] < 2 * R && actual[lane] % R == expected;
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
