using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Snapshots;

public sealed class QuilAmountTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "8000000000")]
    [InlineData("137558", "1100464000000000")]
    [InlineData("12.5", "100000000000")]
    [InlineData("0.000000001", "8")]
    [InlineData("0.00000000025000", "2")]
    [InlineData("007.50", "60000000000")]
    [InlineData("1234567890123456789012345", "9876543120987654312098760000000000")]
    [InlineData("1.0000000000000000000000000000000000000000000000000000", "8000000000")]
    public void TryParseQuil_ExactDecimal_GivesExactUnits(string text, string units)
    {
        Assert.True(QuilAmount.TryParseQuil(text, out var parsed, out var error), error);
        Assert.Equal(BigInteger.Parse(units, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("-1", "is negative")]
    [InlineData("+1", "has a sign")]
    [InlineData("1e3", "uses an exponent")]
    [InlineData("1.5E3", "uses an exponent")]
    [InlineData(" 1", "has whitespace")]
    [InlineData("1 ", "has whitespace")]
    [InlineData("1\t", "has whitespace")]
    [InlineData("1.2.3", "more than one decimal point")]
    [InlineData(".5", "digits on both sides")]
    [InlineData("5.", "digits on both sides")]
    [InlineData("1,000", "digit separator")]
    [InlineData("0x10", "is not a decimal number")]
    [InlineData("NaN", "is not a decimal number")]
    [InlineData("Infinity", "is not a decimal number")]
    [InlineData("١٢", "is not a decimal number")]
    [InlineData("0.0000000001", "not a whole number of units")]
    [InlineData("0.0000000000125", "not a whole number of units")]
    public void TryParseQuil_MalformedText_IsRefusedWithTheReason(string text, string reason)
    {
        Assert.False(QuilAmount.TryParseQuil(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseQuil_MoreThanUint256_IsRefusedNotWrapped()
    {
        var tooMany = ((QuilAmount.MaxUnits / QuilAmount.UnitsPerQuil) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(QuilAmount.TryParseQuil(tooMany, out _, out var error));
        Assert.Contains("2^256", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseQuil_HugeDigitString_IsRefusedBeforeParsing()
    {
        Assert.False(QuilAmount.TryParseQuil(new string('9', 1_000_000), out _, out var error));
        Assert.Contains("longer than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseUnits_ExactMaximum_IsAcceptedAndOneMoreIsNot()
    {
        var max = QuilAmount.MaxUnits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(QuilAmount.TryParseUnits(max, out var parsed, out _));
        Assert.Equal(QuilAmount.MaxUnits, parsed);
        Assert.False(QuilAmount.TryParseUnits((QuilAmount.MaxUnits + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), out _, out _));
        Assert.False(QuilAmount.TryParseUnits("1.5", out _, out _));
    }

    [Fact]
    public void FormatQuil_ThenTryParseQuil_GivesBackTheSameUnits() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), (high, low) =>
        {
            var units = ((BigInteger)high << 64) | low;
            return QuilAmount.TryParseQuil(QuilAmount.FormatQuil(units), out var parsed, out _) && parsed == units;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TryParseQuil_ArbitraryText_NeverThrows() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            _ = QuilAmount.TryParseQuil(text ?? "", out _, out _);
            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TryParseQuilFast_DecimalLikeText_GivesTheUnitsTryParseQuilGives()
    {
        var text = Gen.ListOf(Gen.Elements('0', '1', '5', '9', '.', '.', 'e', '-')).Select(c => new string([.. c])).ToArbitrary();
        Prop.ForAll(text, value =>
        {
            var slow = QuilAmount.TryParseQuil(value, out var expected, out _);
            var fast = QuilAmount.TryParseQuilFast(System.Text.Encoding.UTF8.GetBytes(value), out var actual);
            // The fast path may decline (long or odd text goes to TryParseQuil), never disagree.
            return fast ? slow && expected == actual : true;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("137558", "1100464000000000")]
    [InlineData("0.000000001", "8")]
    [InlineData("12.500", "100000000000")]
    [InlineData("999999999999999999.999999999", "7999999999999999999999999992")]
    public void TryParseQuilFast_UsualRewards_AreTakenWithoutTheSlowPath(string text, string units)
    {
        Assert.True(QuilAmount.TryParseQuilFast(System.Text.Encoding.UTF8.GetBytes(text), out var actual));
        Assert.Equal(System.Numerics.BigInteger.Parse(units, System.Globalization.CultureInfo.InvariantCulture), (System.Numerics.BigInteger)actual);
    }
}
