using System.Text;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Deployer.Ethereum;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Rollout;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Ethereum;

public sealed class BridgeDeployedPausedCheckTests : IDisposable
{
    private const string Safe = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private const string Pauser = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private const string Minter = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private static RolloutPlan Plan(string ethereumExtra)
    {
        var text = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml"));
        const string find = "  confirmations: 1\n";
        Assert.Contains(find, text, StringComparison.Ordinal);
        text = text.Replace(find, find + ethereumExtra, StringComparison.Ordinal);
        return PlanReader.Validate(Encoding.UTF8.GetBytes(text), RepoPaths.Combine("ops", "samples", "plans", "test.yaml")).PlanOrThrow();
    }

    private static BridgeDeployedPausedCheck NeverConnects() =>
        new(() => throw new InvalidOperationException("no passphrase may be asked"), _ => throw new InvalidOperationException("no endpoint may be contacted"));

    [Fact]
    public void ThePlan_ReadsTheDeployerKeystorePauserAndMinter()
    {
        var plan = Plan($"  pauser: \"{Pauser.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)}\"\n  minter: \"{Minter}\"\n  deployer_keystore: keys/deployer.json\n");

        Assert.Equal((Pauser, Minter, "keys/deployer.json"), (plan.Ethereum.Pauser, plan.Ethereum.Minter, plan.Ethereum.DeployerKeystore));
    }

    [Fact]
    public void APauserThatIsNotAnAddress_IsAPlanProblemNamingItsPath()
    {
        var text = File.ReadAllText(RepoPaths.Combine("ops", "samples", "plans", "rehearsal.yaml")).Replace("  confirmations: 1\n", "  confirmations: 1\n  pauser: \"0x1234\"\n", StringComparison.Ordinal);

        var validation = PlanReader.Validate(Encoding.UTF8.GetBytes(text), "plan.yaml");

        var problem = Assert.Single(validation.Problems);
        Assert.Equal("ethereum.pauser", problem.Path);
    }

    [Fact]
    public async Task APlanWithoutTheSafePauserMinterOrKeystore_IsNotAvailableAndContactsNothing()
    {
        using var journal = DeploymentJournal.Create(_home.Path, "d1", TimeProvider.System);
        var context = new CheckContext(Plan(""), journal, TimeProvider.System);

        var result = await NeverConnects().EvaluateAsync(context);

        Assert.Equal(CheckResultKind.NotAvailable, result.Kind);
        Assert.Contains("ethereum.safe, ethereum.pauser, ethereum.minter, ethereum.deployer_keystore", result.Detail, StringComparison.Ordinal);
        Assert.Empty(journal.OutsideActions());
    }

    [Fact]
    public async Task ADryRun_WithoutAJournal_SendsNothing()
    {
        var context = new CheckContext(Plan($"  safe: \"{Safe}\"\n  pauser: \"{Pauser}\"\n  minter: \"{Minter}\"\n  deployer_keystore: deployer.json\n"), null, TimeProvider.System);

        var result = await NeverConnects().EvaluateAsync(context);

        Assert.Equal(CheckResultKind.NotAvailable, result.Kind);
        Assert.Contains("dry run", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInitCode_IsTheArtifactBytecodeFollowedByAdminPauserMinterAsAbiWords()
    {
        var code = WrappedQuilDeployer.InitCode(Address.Parse(Safe), Address.Parse(Pauser), Address.Parse(Minter));

        var bytecode = ContractCatalog.Load(ContractCatalog.WrappedQuil).Bytecode.ToArray();
        Assert.Equal(bytecode, code[..bytecode.Length]);
        var arguments = code[bytecode.Length..];
        Assert.Equal(96, arguments.Length);
        string[] expected = [Safe, Pauser, Minter];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new byte[12], arguments[(32 * i)..(32 * i + 12)]);
            Assert.Equal(Address.Parse(expected[i]), Address.FromBytes(arguments[(32 * i + 12)..(32 * (i + 1))]));
        }
    }

    [Fact]
    public void TheRecordKey_NamesTheChain_SoADeploymentOnAnotherChainIsAnotherIntent()
    {
        Assert.NotEqual(WrappedQuilDeployer.Key(31337), WrappedQuilDeployer.Key(1));
        Assert.Equal("eth:31337:deploy:WrappedQuil", WrappedQuilDeployer.Key(31337));
    }

    [Fact]
    public void Describe_NamesTheDeploymentTheReadBackAndTheNodeSide()
    {
        var context = new CheckContext(Plan($"  safe: \"{Safe}\"\n"), null, TimeProvider.System);

        var text = NeverConnects().Describe(context);

        Assert.Contains("deploy WrappedQuil on chain 31337", text, StringComparison.Ordinal);
        Assert.Contains($"admin role held by the Safe {Safe}", text, StringComparison.Ordinal);
        Assert.Contains(BridgeDeployedPausedCheck.NodeSideNeeds, text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultChecks_WireTheActingCheckToBridgeDeployedPaused()
    {
        Assert.IsType<BridgeDeployedPausedCheck>(Assert.Single(StageChecks.Default(), c => c.Step == RolloutState.BridgeDeployedPaused));
    }
}
