using FsCheck;
using FsCheck.Fluent;
using Rollout.Deployer.Plans;

namespace Rollout.Deployer.Tests.Plans;

public sealed class QuorumRulesTests
{
    [Fact]
    public void SeventeenSignatories_NeedNineForTheReleaseAndSevenForTheUnlock()
    {
        Assert.Equal(9, QuorumRules.ReferenceRelease(17));
        Assert.Equal(7, QuorumRules.ReferenceUnlock(17));
    }

    [Fact]
    public void TheReleaseQuorum_IsAlwaysAMajorityOrHalf()
    {
        Prop.ForAll(Gen.Choose(1, 1000).ToArbitrary(), n =>
        {
            var q = QuorumRules.ReferenceRelease(n);
            return 2 * q >= n && 2 * (q - 1) < n;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TheUnlockQuorum_IsCeilOfHalfOfTheSignatoriesBeyondFour()
    {
        Prop.ForAll(Gen.Choose(5, 1000).ToArbitrary(), n =>
            QuorumRules.ReferenceUnlock(n) == (n - 4 + 1) / 2).QuickCheckThrowOnFailure();
    }
}
