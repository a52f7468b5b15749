using System.Numerics;
using System.Text;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Safe;
using Rollout.IntegrationTests.Devchain;
using Rollout.Token.Hashing;

namespace Rollout.IntegrationTests.Ethereum;

/// <summary>
/// WrappedQuil under a 2-of-3 Safe on the real devchain, driven only by Rollout's own client: contracts
/// deployed from the embedded artifacts, SafeTx hashes computed and signed by us, execTransaction
/// sent by us, reverts and events decoded with the artifacts' ABIs.
/// </summary>
[Collection(DevchainCollection.Name)]
public sealed class SafeGovernedWrappedQuilTests(SafeOnDevchain env) : IClassFixture<SafeOnDevchain>
{
    private static readonly BigInteger Amount = 1000 * BigInteger.Pow(10, 8);

    [Fact]
    public async Task CreatedSafe_ReadsBackItsOwnersThresholdNonceAndVersion()
    {
        var owners = await env.Safe.GetOwnersAsync();

        Assert.Equal(env.Owners.Select(o => o.Address).ToHashSet(), owners.ToHashSet());
        Assert.Equal(3, owners.Count);
        Assert.Equal(2, await env.Safe.GetThresholdAsync());
        Assert.Equal("1.5.0", await env.Safe.GetVersionAsync());
        Assert.True(await env.Safe.GetNonceAsync() >= 0);
        Assert.NotEmpty(await env.Client.GetCodeAsync(env.Safe.Address));
    }

    [Fact]
    public async Task DeployFromArtifact_PutsTheArtifactsRuntimeCodeAtTheReceiptsAddress()
    {
        var pauser = await env.NewAccountAsync();
        var deployed = await new ContractDeployer(env.Transactor).DeployAsync(ContractCatalog.WrappedQuil, env.Deployer, [env.Safe.Address, pauser.Address, pauser.Address]);

        Assert.True(deployed.Receipt.Succeeded);
        Assert.Null(deployed.Receipt.To);
        Assert.True(deployed.CodeMatchesArtifact);
        Assert.Equal(ContractCatalog.Load(ContractCatalog.WrappedQuil).DeployedBytecode.ToArray(), await env.Client.GetCodeAsync(deployed.Address));
    }

    [Fact]
    public async Task SafeTxHash_OursEqualsTheSafesGetTransactionHash()
    {
        var token = await DeployTokenAsync(await env.NewAccountAsync(), await env.NewAccountAsync());
        var proposal = await env.Safe.ProposeCallAsync(token.Address, WrappedQuilContract.EncodeUnpause());
        var odd = proposal.Tx with { Value = 7, SafeTxGas = 50_000, BaseGas = 21_000, GasPrice = 3, GasToken = token.Address, RefundReceiver = env.Deployer.Address, Nonce = 99 };

        Assert.Equal(proposal.SafeTxHash, await env.Safe.GetTransactionHashAsync(proposal.Tx));
        Assert.Equal(odd.Hash(env.Safe.ChainId, env.Safe.Address), await env.Safe.GetTransactionHashAsync(odd));
    }

    [Fact]
    public async Task PausedToken_UnderTheSafe_FollowsPauseFastUnpauseSlow()
    {
        using var pauser = await env.NewAccountAsync();
        using var minter = await env.NewAccountAsync();
        using var holder = await env.NewAccountAsync();
        using var secondPauser = await env.NewAccountAsync();
        var token = await DeployTokenAsync(pauser, minter);
        Assert.True(await token.PausedAsync());
        Assert.True(await token.HasRoleAsync(WrappedQuilContract.DefaultAdminRole, env.Safe.Address));
        Assert.False(await token.HasRoleAsync(WrappedQuilContract.DefaultAdminRole, env.Deployer.Address));

        // Roles are granted through the Safe: two owners sign, anyone submits.
        var grant = await env.Safe.ProposeCallAsync(token.Address, WrappedQuilContract.EncodeGrantRole(WrappedQuilContract.PauserRole, secondPauser.Address));
        var granted = await env.Safe.ExecTransactionAsync(grant.Tx, env.Sign(grant, env.Owners[2], env.Owners[0]), env.Deployer);
        Assert.True(granted.Succeeded);
        Assert.Equal(grant.SafeTxHash, granted.SafeTxHash);
        var roleGranted = Assert.Single(token.DecodeEvents(granted.Receipt), e => e.Name == "RoleGranted");
        Assert.Equal(WrappedQuilContract.PauserRole, roleGranted.Get<byte[]>("role"));
        Assert.Equal(secondPauser.Address, roleGranted.Get<Address>("account"));
        Assert.Equal(env.Safe.Address, roleGranted.Get<Address>("sender"));
        Assert.True(await token.HasRoleAsync(WrappedQuilContract.PauserRole, secondPauser.Address));

        // While paused nothing mints, and the pauser cannot resume.
        var transferId = Keccak256.Hash(Encoding.ASCII.GetBytes($"rollout/bridge/transfer/{token.Address}"));
        var mintWhilePaused = await Assert.ThrowsAsync<ContractRevertedException>(() => token.BridgeMintAsync(minter, holder.Address, Amount, transferId));
        Assert.Equal("EnforcedPause", mintWhilePaused.ErrorName);
        var unpauseByPauser = await Assert.ThrowsAsync<ContractRevertedException>(() => token.UnpauseAsync(pauser));
        Assert.Equal("AccessControlUnauthorizedAccount", unpauseByPauser.ErrorName);
        Assert.Equal(pauser.Address, unpauseByPauser.Reason!.Arguments[0]);
        Assert.Equal(WrappedQuilContract.DefaultAdminRole, unpauseByPauser.Reason.Arguments[1]);

        // One owner's signature is not the Safe's quorum.
        var unpause = await env.Safe.ProposeCallAsync(token.Address, WrappedQuilContract.EncodeUnpause());
        var nonceBefore = await env.Safe.GetNonceAsync();
        var oneSignature = await Assert.ThrowsAsync<ContractRevertedException>(() => env.Safe.ExecTransactionAsync(unpause.Tx, env.Sign(unpause, env.Owners[1]), env.Deployer));
        Assert.Equal("GS020", oneSignature.Reason!.Message);
        Assert.Equal(nonceBefore, await env.Safe.GetNonceAsync());
        Assert.True(await token.PausedAsync());

        // Two owners' signatures resume it; the Safe is the account that unpaused.
        var resumed = await env.Safe.ExecTransactionAsync(unpause.Tx, env.Sign(unpause, env.Owners[2], env.Owners[1]), env.Deployer);
        Assert.True(resumed.Succeeded);
        Assert.Equal(nonceBefore + 1, await env.Safe.GetNonceAsync());
        Assert.Equal(env.Safe.Address, Assert.Single(token.DecodeEvents(resumed.Receipt), e => e.Name == "Unpaused").Get<Address>("account"));
        Assert.False(await token.PausedAsync());

        // Live: one mint per transfer id, then a bridge-out burns.
        var minted = await token.BridgeMintAsync(minter, holder.Address, Amount, transferId);
        var bridgedIn = Assert.Single(token.DecodeEvents(minted), e => e.Name == "BridgedIn");
        Assert.Equal(transferId, bridgedIn.Get<byte[]>("transferId"));
        Assert.Equal(holder.Address, bridgedIn.Get<Address>("to"));
        Assert.Equal(Amount, bridgedIn.Get<BigInteger>("amount"));
        Assert.True(await token.IsProcessedAsync(transferId));
        var replay = await Assert.ThrowsAsync<ContractRevertedException>(() => token.BridgeMintAsync(minter, holder.Address, Amount, transferId));
        Assert.Equal("TransferAlreadyProcessed", replay.ErrorName);
        Assert.Equal(transferId, replay.Reason!.Arguments[0]);

        var quilAddress = Convert.FromHexString("1ac3290d57e064bdb5a57e874b59290226a9f9730d69f1d963600883789d6ee2");
        var outAmount = 250 * BigInteger.Pow(10, 8);
        var burned = await token.BridgeOutAsync(holder, quilAddress, outAmount);
        var bridgedOut = Assert.Single(token.DecodeEvents(burned), e => e.Name == "BridgedOut");
        Assert.Equal(holder.Address, bridgedOut.Get<Address>("from"));
        Assert.Equal(quilAddress, bridgedOut.Get<byte[]>("quilAddress"));
        Assert.Equal(outAmount, bridgedOut.Get<BigInteger>("amount"));
        Assert.Equal(Amount - outAmount, await token.BalanceOfAsync(holder.Address));
        Assert.Equal(Amount - outAmount, await token.TotalSupplyAsync());

        // Pause fast: the granted pauser alone stops it; it still cannot resume it.
        var paused = await token.PauseAsync(secondPauser);
        Assert.Equal(secondPauser.Address, Assert.Single(token.DecodeEvents(paused), e => e.Name == "Paused").Get<Address>("account"));
        Assert.True(await token.PausedAsync());
        var bridgeOutWhilePaused = await Assert.ThrowsAsync<ContractRevertedException>(() => token.BridgeOutAsync(holder, quilAddress, 1));
        Assert.Equal("EnforcedPause", bridgeOutWhilePaused.ErrorName);
        Assert.Equal("AccessControlUnauthorizedAccount", (await Assert.ThrowsAsync<ContractRevertedException>(() => token.UnpauseAsync(secondPauser))).ErrorName);
    }

    [Fact]
    public async Task ExecTransaction_SignaturesOutOfOwnerOrder_IsRefusedByTheSafe()
    {
        var token = await DeployTokenAsync(await env.NewAccountAsync(), await env.NewAccountAsync());
        var unpause = await env.Safe.ProposeCallAsync(token.Address, WrappedQuilContract.EncodeUnpause());
        var signatures = env.Owners.Take(2).Select(o => SafeSignature.SignHash(unpause.SafeTxHash, o)).OrderByDescending(s => s.Owner.ToLowerHex(), StringComparer.Ordinal).ToArray();
        var collector = new SafeSignatureCollector(unpause.SafeTxHash, env.Owners.Select(o => o.Address), 2);
        foreach (var signature in signatures) Assert.Null(collector.Add(signature));

        var descending = await Assert.ThrowsAsync<ContractRevertedException>(() => env.Safe.ExecTransactionAsync(unpause.Tx, [.. signatures.SelectMany(s => s.Signature)], env.Deployer));
        var executed = await env.Safe.ExecTransactionAsync(unpause.Tx, collector.Packed(), env.Deployer);

        Assert.Equal("GS026", descending.Reason!.Message);
        Assert.True(executed.Succeeded);
        Assert.False(await token.PausedAsync());
    }

    [Fact]
    public async Task UnpauseProposal_ThroughItsFilesAndSignatureFiles_ExecutesOnChain_AndExportsTheSameCall()
    {
        var token = await DeployTokenAsync(await env.NewAccountAsync(), await env.NewAccountAsync());
        var written = (await env.Safe.ProposeCallAsync(token.Address, WrappedQuilContract.EncodeUnpause(), "unpause wQUIL")).ToJson();

        // What travels: the proposal file to each owner, a signature file back.
        var proposal = SafeTxProposal.FromJson(written, "unpause.safetx.json");
        var collector = new SafeSignatureCollector(proposal.SafeTxHash, await env.Safe.GetOwnersAsync(), await env.Safe.GetThresholdAsync());
        foreach (var owner in new[] { env.Owners[0], env.Owners[2] })
        {
            var file = SafeSignature.Sign(proposal.Tx, proposal.ChainId, proposal.Safe, owner).ToJson();
            Assert.Null(collector.Add(SafeSignature.FromJson(file, "unpause.sig.json")));
        }
        var batch = new TransactionBuilderBatch(proposal.ChainId, proposal.Safe, DateTimeOffset.UnixEpoch, "unpause wQUIL")
            .Add(proposal, WrappedQuilContract.Abi.Function("unpause"), []);

        var executed = await env.Safe.ExecTransactionAsync(proposal.Tx, collector.Packed(), env.Deployer);

        Assert.True(executed.Succeeded);
        Assert.Equal(proposal.SafeTxHash, executed.SafeTxHash);
        Assert.False(await token.PausedAsync());
        Assert.Contains($"\"data\": \"{Hex.Encode(proposal.Tx.Data)}\"", batch.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transactor_WithTwoConfirmations_ReturnsOnlyOnceABlockIsOnTopOfTheTransactions()
    {
        using var sender = await env.NewAccountAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var twoConfirmations = new ContractTransactor(env.Client, env.Transactor.ChainId, TimeProvider.System, new ContractTransactorOptions(Confirmations: 2, PollInterval: TimeSpan.FromMilliseconds(20)));
        var head = await env.Client.BlockNumberAsync();

        // Hardhat mines one block per transaction; the second confirmation only comes with evm_mine.
        var transfer = twoConfirmations.SendAsync("transfer", sender, env.Deployer.Address, [], 1, cancellationToken: timeout.Token);
        while (await env.Client.BlockNumberAsync(timeout.Token) == head && !transfer.IsCompleted) await Task.Delay(10, timeout.Token);
        var minedAlone = transfer.IsCompleted;
        await env.Client.Rpc.CallAsync("evm_mine", [], timeout.Token);
        var receipt = await transfer;

        Assert.False(minedAlone);
        Assert.Equal(head + 1, receipt.BlockNumber);
        Assert.True(await env.Client.BlockNumberAsync() >= receipt.BlockNumber + 1);
    }

    [Fact]
    public async Task InnerCallThatReverts_WithSafeTxGas_IsExecutionFailure_WithoutItTheInnerRevertBubblesUp()
    {
        using var pauser = await env.NewAccountAsync();
        var token = await DeployTokenAsync(pauser, pauser);
        // The token starts paused, so pause() through the Safe reverts inside (EnforcedPause).
        var plain = await env.Safe.ProposeCallAsync(token.Address, WrappedQuilContract.EncodePause());
        var withGas = plain with { Tx = plain.Tx with { SafeTxGas = 100_000 } };
        var nonce = await env.Safe.GetNonceAsync();

        var refused = await Assert.ThrowsAsync<ContractRevertedException>(() => env.Safe.ExecTransactionAsync(plain.Tx, env.Sign(plain, env.Owners[0], env.Owners[1]), env.Deployer, WrappedQuilContract.Abi.Errors));
        var failed = await env.Safe.ExecTransactionAsync(withGas.Tx, env.Sign(withGas, env.Owners[0], env.Owners[1]), env.Deployer);

        // Safe 1.5.0 reverts with the inner call's own data when neither safeTxGas nor gasPrice is set.
        Assert.Equal("EnforcedPause", refused.ErrorName);
        Assert.False(failed.Succeeded);
        Assert.Equal(withGas.SafeTxHash, failed.SafeTxHash);
        Assert.Contains(failed.Events, e => e.Name == "ExecutionFailure");
        Assert.Equal(nonce + 1, await env.Safe.GetNonceAsync());
        Assert.True(await token.PausedAsync());
    }

    private async Task<WrappedQuilContract> DeployTokenAsync(Secp256k1Key pauser, Secp256k1Key minter) =>
        await WrappedQuilContract.DeployAsync(env.Transactor, env.Deployer, env.Safe.Address, pauser.Address, minter.Address);
}
