using System.Text.Json;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Cli;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Cli.Eth;

public sealed class SafeBatchCommandTests : IDisposable
{
    private static readonly Address SafeAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly Address Token = Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SafeBatch_GrantRoleSafeTx_WritesTheTransactionBuilderFileWithMethodAndArguments()
    {
        var grantee = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var proposal = SafeTxProposal.Call(SafeAddress, 31337, Token, WrappedQuilContract.EncodeGrantRole(WrappedQuilContract.PauserRole, grantee), 2, description: "second pauser");
        var tx = _dir.Write("grant.safetx.json", proposal.ToJson());
        var outPath = _dir.Combine("grant.batch.json");

        var (code, stdout, stderr) = await Run("eth", "safe-batch", "--tx", tx, "--out", outPath);

        Assert.True(code == 0, stderr);
        Assert.Contains("grantRole(bytes32,address)", stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(outPath));
        Assert.Equal("31337", document.RootElement.GetProperty("chainId").GetString());
        Assert.Equal("second pauser", document.RootElement.GetProperty("meta").GetProperty("name").GetString());
        var transaction = Assert.Single(document.RootElement.GetProperty("transactions").EnumerateArray());
        Assert.Equal(Token.ToString(), transaction.GetProperty("to").GetString());
        Assert.Equal(Hex.Encode(proposal.Tx.Data), transaction.GetProperty("data").GetString());
        Assert.Equal("grantRole", transaction.GetProperty("contractMethod").GetProperty("name").GetString());
        Assert.Equal(grantee.ToString(), transaction.GetProperty("contractInputsValues").GetProperty("account").GetString());
        Assert.Equal(Hex.Encode(WrappedQuilContract.PauserRole), transaction.GetProperty("contractInputsValues").GetProperty("role").GetString());
    }

    [Fact]
    public async Task SafeBatch_CallNoEmbeddedAbiKnows_ExitsTwoAndWritesNothing()
    {
        var tx = _dir.Write("odd.json", SafeTxProposal.Call(SafeAddress, 31337, Token, [0xde, 0xad, 0xbe, 0xef], 0).ToJson());
        var outPath = _dir.Combine("odd.batch.json");

        var (code, _, stderr) = await Run("eth", "safe-batch", "--tx", tx, "--out", outPath);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("odd.json.data: 0xdeadbeef is not a WrappedQuil or Safe function", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
