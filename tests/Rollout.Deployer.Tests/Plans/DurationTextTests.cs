using FsCheck;
using FsCheck.Fluent;
using Rollout.Deployer.Plans;

namespace Rollout.Deployer.Tests.Plans;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("700ms", 700)]
    [InlineData("1s", 1000)]
    [InlineData("10s", 10_000)]
    [InlineData("1m", 60_000)]
    [InlineData("2h", 7_200_000)]
    public void Durations_ParseToExactMilliseconds(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("1.5s")]
    [InlineData("s")]
    [InlineData("10")]
    [InlineData("-1s")]
    [InlineData("1 s")]
    public void MalformedDurations_AreRejected(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void FormattingThenParsing_GivesBackTheSameDuration()
    {
        Prop.ForAll(Gen.Choose(1, int.MaxValue).ToArbitrary(), ms =>
        {
            var duration = TimeSpan.FromMilliseconds(ms);
            return DurationText.TryParse(DurationText.Format(duration), out var back) && back == duration;
        }).QuickCheckThrowOnFailure();
    }
}
