using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Token.Addressing.Poseidon;

namespace Rollout.Token.Tests.Addressing.Poseidon;

/// <summary>Field elements for properties: uniform 256-bit draws reduced mod r, mixed with the edges of the limbs and the field.</summary>
internal static class FieldGenerators
{
    private static readonly BigInteger P = Bn254Scalar.Modulus;

    private static readonly BigInteger[] Edges =
    [
        0, 1, 2, P - 1, P - 2, (P - 1) / 2, (P + 1) / 2,
        ulong.MaxValue, (BigInteger)ulong.MaxValue + 1, BigInteger.Pow(2, 128) - 1, BigInteger.Pow(2, 192),
        BigInteger.Pow(2, 253), BigInteger.Pow(2, 248) - 1,
    ];

    public static Gen<BigInteger> Element { get; } = Gen.Frequency(
        (1, Gen.Elements(Edges)),
        (4, Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(32)
            .Select(bytes => new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % P)));

    public static Arbitrary<BigInteger> Elements => Arb.From(Element);
}
