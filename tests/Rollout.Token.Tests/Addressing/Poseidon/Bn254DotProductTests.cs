using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Token.Addressing.Poseidon;

namespace Rollout.Token.Tests.Addressing.Poseidon;

public sealed class Bn254DotProductTests
{
    [Fact]
    public void Compute_UpToTheMostTerms_EqualsTheSumOfProductsModR()
    {
        var vectors = FieldGenerators.Element.ArrayOf(2 * Bn254DotProduct.MaxTerms)
            .Zip(Gen.Choose(1, Bn254DotProduct.MaxTerms));
        Prop.ForAll(Arb.From(vectors), pair =>
        {
            var (values, n) = pair;
            var a = values.Take(n).ToArray();
            var b = values.Skip(Bn254DotProduct.MaxTerms).Take(n).ToArray();
            var expected = a.Zip(b, (x, y) => x * y).Aggregate(BigInteger.Zero, (s, p) => s + p) % Bn254Scalar.Modulus;
            return Bn254DotProduct.Compute(a.Select(Bn254Scalar.FromBigInteger).ToArray(), b.Select(Bn254Scalar.FromBigInteger).ToArray()).ToBigInteger() == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Compute_LargestMontgomeryLimbsAtTheMostTerms_StaysExact()
    {
        // The element stored as r − 1 in Montgomery form (value −2^-256 mod r) gives the largest sum of
        // raw products the single reduction must absorb.
        var r = Bn254Scalar.Modulus;
        var value = (r - BigInteger.ModPow(BigInteger.Pow(2, 256), r - 2, r)) % r;
        var top = Enumerable.Repeat(Bn254Scalar.FromBigInteger(value), Bn254DotProduct.MaxTerms).ToArray();
        Assert.Equal(Bn254DotProduct.MaxTerms * value * value % r, Bn254DotProduct.Compute(top, top).ToBigInteger());
    }
}
