using Rollout.Deployer.Faults;

namespace Rollout.Deployer.Tests.Faults;

public sealed class FaultPointTests
{
    [Theory]
    [InlineData("PeerExchange:before", "PeerExchange", FaultPhase.Before)]
    [InlineData("Held:after", "Held", FaultPhase.After)]
    public void AFaultPoint_NamesAStepAndAPhase(string text, string step, FaultPhase phase)
    {
        var point = FaultPoint.Parse(text);

        Assert.Equal(new FaultPoint(step, phase), point);
        Assert.Equal(text, point.ToString());
    }

    [Theory]
    [InlineData("PeerExchange")]
    [InlineData("PeerExchange:during")]
    [InlineData(":before")]
    public void AMalformedFaultPoint_IsBadInput(string text) => Assert.Throws<InvalidDataException>(() => FaultPoint.Parse(text));

    [Fact]
    public void AFaultPoint_IsRefusedWhenThePlanDoesNotAllowFaultInjection()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ProcessKillInjector.FromSetting("PeerExchange:before", allowed: false, TextWriter.Null));

        Assert.Contains("testnet.fault_injection", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFaultPoint_MeansNoInjection_WhateverThePlan()
    {
        Assert.Same(NoFaults.Instance, ProcessKillInjector.FromSetting(null, allowed: false, TextWriter.Null));
        Assert.Same(NoFaults.Instance, ProcessKillInjector.FromSetting("", allowed: true, TextWriter.Null));
        Assert.Equal(new FaultPoint("Minting", FaultPhase.After), ((ProcessKillInjector)ProcessKillInjector.FromSetting("Minting:after", allowed: true, TextWriter.Null)).Point);
    }
}
