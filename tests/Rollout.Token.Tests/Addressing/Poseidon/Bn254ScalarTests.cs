using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Token.Addressing.Poseidon;

namespace Rollout.Token.Tests.Addressing.Poseidon;

public sealed class Bn254ScalarTests
{
    private static readonly BigInteger P = Bn254Scalar.Modulus;

    [Fact]
    public void Arithmetic_AgreesWithBigIntegerModR() =>
        Prop.ForAll(FieldGenerators.Elements, FieldGenerators.Elements, (x, y) =>
        {
            var a = Bn254Scalar.FromBigInteger(x);
            var b = Bn254Scalar.FromBigInteger(y);
            return (a + b).ToBigInteger() == (x + y) % P
                && (a - b).ToBigInteger() == ((x - y) % P + P) % P
                && (a * b).ToBigInteger() == x * y % P
                && Bn254Scalar.Square(a).ToBigInteger() == x * x % P
                && Bn254Scalar.Pow5(a).ToBigInteger() == BigInteger.ModPow(x, 5, P);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Conversions_RoundTripTheCanonicalValue() =>
        Prop.ForAll(FieldGenerators.Elements, x =>
        {
            var a = Bn254Scalar.FromBigInteger(x);
            var bytes = a.ToBigEndian();
            return a.ToBigInteger() == x
                && new BigInteger(bytes, isUnsigned: true, isBigEndian: true) == x
                && Bn254Scalar.FromBigEndian(bytes) == a
                && a.ToString() == x.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Inverse_TimesTheElement_IsOne() =>
        Prop.ForAll(FieldGenerators.Elements, x =>
        {
            if (x.IsZero) return true;
            var a = Bn254Scalar.FromBigInteger(x);
            return a * Bn254Scalar.Inverse(a) == Bn254Scalar.One;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void OneAndZero_AreTheFieldsIdentities()
    {
        Assert.Equal(BigInteger.One, Bn254Scalar.One.ToBigInteger());
        Assert.True(Bn254Scalar.Zero.IsZero);
        Assert.False(Bn254Scalar.One.IsZero);
        Assert.Equal(Bn254Scalar.Zero, Bn254Scalar.FromBigInteger(P - 1) + Bn254Scalar.One);
    }

    [Fact]
    public void FromBigInteger_OutsideTheField_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Bn254Scalar.FromBigInteger(P));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bn254Scalar.FromBigInteger(BigInteger.MinusOne));
    }

    [Fact]
    public void FromBigEndian_TheModulusItself_Throws()
    {
        var bytes = new byte[32];
        P.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: true);
        Assert.Throws<ArgumentOutOfRangeException>(() => Bn254Scalar.FromBigEndian(bytes));
        Assert.Throws<ArgumentException>(() => Bn254Scalar.FromBigEndian(new byte[31]));
    }

    [Fact]
    public void Inverse_OfZero_Throws() =>
        Assert.Throws<DivideByZeroException>(() => Bn254Scalar.Inverse(Bn254Scalar.Zero));
}
