using System.Text.Json;
using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Devchain;

/// <summary>
/// WrappedQuil under a 2-of-3 Safe on the real devchain, deployed from the embedded artifacts and
/// driven by ethers (ops/devchain/scenarios/wrapped-quil.mjs). The script runs once per test run;
/// each test checks one promise of the contract against what it observed.
/// </summary>
[Collection(DevchainCollection.Name)]
public sealed class WrappedQuilScenarioTests(Chain chain)
{
    private static readonly object Gate = new();
    private static JsonElement? _observed;

    private JsonElement Observed
    {
        get
        {
            lock (Gate)
            {
                if (_observed is null)
                {
                    var result = Chain.RunScript("scenarios/wrapped-quil.mjs", ["--rpc", chain.Url.ToString()], TimeSpan.FromSeconds(60));
                    Assert.True(result.ExitCode == 0, $"wrapped-quil.mjs exited {result.ExitCode}: {result.Stderr}");
                    using var document = JsonDocument.Parse(result.Stdout);
                    _observed = document.RootElement.Clone();
                }
                return _observed.Value;
            }
        }
    }

    [Fact]
    public void Safe_IsAProxyWithThreeOwnersAndThresholdTwo()
    {
        var safe = Observed.GetProperty("safe");
        Assert.Equal("1.5.0", safe.GetProperty("version").GetString());
        Assert.Equal(Strings(safe.GetProperty("expectedOwners")), Strings(safe.GetProperty("owners")));
        Assert.Equal(3, safe.GetProperty("owners").GetArrayLength());
        Assert.Equal(2, safe.GetProperty("threshold").GetInt32());
        Assert.True(safe.GetProperty("proxyCreationCodeMatchesArtifact").GetBoolean());
    }

    [Fact]
    public void Token_IsDeployedPausedWithEightDecimalsAndTheSafeAsSoleAdmin()
    {
        var token = Observed.GetProperty("token");
        Assert.Equal("wQUIL", token.GetProperty("symbol").GetString());
        Assert.Equal(8, token.GetProperty("decimals").GetInt32());
        Assert.True(token.GetProperty("pausedAtDeploy").GetBoolean());
        Assert.True(token.GetProperty("safeIsAdmin").GetBoolean());
        Assert.False(token.GetProperty("deployerIsAdmin").GetBoolean());
        Assert.True(token.GetProperty("pauserHasRole").GetBoolean());
        Assert.True(token.GetProperty("minterHasRole").GetBoolean());
        Assert.True(token.GetProperty("pauserRoleIsKeccak").GetBoolean());
        Assert.True(token.GetProperty("minterRoleIsKeccak").GetBoolean());
    }

    [Fact]
    public void Roles_AreGrantedOnlyThroughTheSafe()
    {
        AssertReverted("grantByOutsider", "AccessControlUnauthorizedAccount");
        AssertSucceeded("grantThroughSafe", "RoleGranted", "ExecutionSuccess");
        Assert.True(Observed.GetProperty("secondPauserHasRole").GetBoolean());
    }

    [Fact]
    public void WhilePaused_NothingMintsAndThePauserCannotUnpause()
    {
        AssertReverted("mintWhilePaused", "EnforcedPause");
        AssertReverted("unpauseByPauser", "AccessControlUnauthorizedAccount");
    }

    [Fact]
    public void Unpause_NeedsTwoOwnerSignaturesOnTheSafeTransaction()
    {
        AssertReverted("unpauseThroughSafeOneSignature", "GS020");
        AssertSucceeded("unpauseThroughSafe", "Unpaused", "ExecutionSuccess");
        Assert.False(Observed.GetProperty("pausedAfterSafeUnpause").GetBoolean());
        foreach (var step in new[] { "grantThroughSafe", "unpauseThroughSafe", "unpauseThroughSafeAgain" })
        {
            Assert.True(Observed.GetProperty(step).GetProperty("safeTxHashMatchesContract").GetBoolean(), $"{step}: EIP-712 SafeTx hash differs from the Safe's");
        }
        Assert.Equal(3, Observed.GetProperty("safeNonce").GetInt32());
    }

    [Fact]
    public void BridgeMint_MintsOnlyForTheMinterAndOncePerTransferId()
    {
        AssertReverted("mintByOutsider", "AccessControlUnauthorizedAccount");
        var mint = AssertSucceeded("mint", "Transfer", "BridgedIn");
        var bridgedIn = Event(mint, "BridgedIn");
        Assert.Equal("100000000000", bridgedIn[2]);
        Assert.True(Observed.GetProperty("isProcessedAfterMint").GetBoolean());
        var replay = AssertReverted("mintReplay", "TransferAlreadyProcessed");
        Assert.Equal(bridgedIn[0], Strings(replay.GetProperty("args"))[0]);
    }

    [Fact]
    public void BridgeOut_BurnsFromTheSenderAndEmitsBridgedOut()
    {
        var bridgeOut = AssertSucceeded("bridgeOut", "Transfer", "BridgedOut");
        var expected = Observed.GetProperty("bridgeOutExpected");
        Assert.Equal(
            new[] { expected.GetProperty("from").GetString() ?? "", expected.GetProperty("quilAddress").GetString() ?? "", expected.GetProperty("amount").GetString() ?? "" },
            Event(bridgeOut, "BridgedOut"));
        Assert.Equal(Observed.GetProperty("expectedHolderBalance").GetString(), Observed.GetProperty("holderBalance").GetString());
        Assert.Equal(Observed.GetProperty("expectedTotalSupply").GetString(), Observed.GetProperty("totalSupply").GetString());
    }

    [Fact]
    public void Pause_ByThePauserStopsTransfersMintsAndBridgeOutsUntilTheSafeUnpauses()
    {
        AssertSucceeded("transfer", "Transfer");
        AssertReverted("pauseByOutsider", "AccessControlUnauthorizedAccount");
        AssertSucceeded("pauseByPauser", "Paused");
        Assert.True(Observed.GetProperty("pausedAfterPauserPause").GetBoolean());
        AssertReverted("transferWhilePaused", "EnforcedPause");
        AssertReverted("bridgeOutWhilePaused", "EnforcedPause");
        AssertReverted("mintWhilePausedAgain", "EnforcedPause");
        AssertReverted("unpauseByPauserAgain", "AccessControlUnauthorizedAccount");
        AssertSucceeded("unpauseThroughSafeAgain", "Unpaused", "ExecutionSuccess");
        Assert.False(Observed.GetProperty("pausedAtEnd").GetBoolean());
    }

    private JsonElement AssertReverted(string step, string error)
    {
        var observed = Observed.GetProperty(step);
        Assert.True(observed.GetProperty("reverted").GetBoolean(), $"{step} was expected to revert: {observed}");
        Assert.Equal(error, observed.GetProperty("error").GetString());
        return observed;
    }

    private JsonElement AssertSucceeded(string step, params string[] events)
    {
        var observed = Observed.GetProperty(step);
        Assert.False(observed.GetProperty("reverted").GetBoolean(), $"{step} reverted: {observed}");
        Assert.Equal(1, observed.GetProperty("status").GetInt32());
        Assert.Equal(events, observed.GetProperty("events").EnumerateArray().Select(e => e.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "?").ToArray());
        return observed;
    }

    private static string[] Event(JsonElement step, string name) =>
        Strings(step.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name).GetProperty("args"));

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
}
