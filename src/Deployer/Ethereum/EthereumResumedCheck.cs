using System.Globalization;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Rollout;

namespace Rollout.Deployer.Ethereum;

/// <summary>
/// The EthereumResumed step: the Safe unpauses WrappedQuil. The first run fixes and journals the unpause SafeTx
/// (<see cref="SafeUnpauseProposal"/>) and writes it to the plan's Safe folder; each owner signs it on their own
/// machine (<c>rollout eth safe-sign --tx</c>) and drops the signature file there. Every run collects the files
/// against the Safe's owners and threshold read from the chain; at the threshold it simulates
/// <c>execTransaction</c>, then sends it from the deployer's key through the journal's write-ahead records (so
/// a resumed step reconciles, never sends twice), waits for the plan's confirmations and passes once the Safe
/// reports ExecutionSuccess for this SafeTx and <c>paused()</c> reads false.
/// </summary>
public sealed class EthereumResumedCheck(Func<string> passphrase, Func<Uri, EthClient>? connect = null) : IStageCheck
{
    /// <inheritdoc/>
    public RolloutState Step => RolloutState.EthereumResumed;

    /// <inheritdoc/>
    public string Describe(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        var eth = plan.Ethereum;
        return $"the Safe {eth.SafeAddress ?? "(ethereum.safe missing)"} executes unpause() on wQUIL {eth.WrappedTokenAddress ?? "(the one BridgeDeployedPaused deployed)"}: "
            + $"the SafeTx is written to {plan.Resolve(eth.SafeFolder)}, the owners' signatures are collected there up to the Safe's threshold, "
            + $"execTransaction is sent from {eth.DeployerKeystore ?? "(ethereum.deployer_keystore missing)"} through the journal's write-ahead records; "
            + $"confirmed after {eth.Confirmations} block(s), then paused() must read false";
    }

    /// <inheritdoc/>
    public async Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        var eth = plan.Ethereum;
        if (eth.SafeAddress is null || eth.DeployerKeystore is null)
        {
            return CheckResult.NotAvailable($"EthereumResumed: the plan does not name {(eth.SafeAddress is null ? "ethereum.safe" : "ethereum.deployer_keystore")}; the unpause cannot be proposed or sent");
        }
        if (context.OutsideActions is not { } log) return CheckResult.NotAvailable("EthereumResumed: no journal to write the proposal and transaction ahead to (dry run)");
        var client = (connect ?? EthereumConnection.Connect)(eth.RpcUrl);
        var chainId = await client.ChainIdAsync(cancellationToken);
        if (chainId != eth.ChainId) return CheckResult.NotAvailable($"EthereumResumed: {eth.RpcUrl} serves chain {chainId}, the plan names chain {eth.ChainId}; nothing was sent");
        var safeAddress = Address.Parse(eth.SafeAddress, "ethereum.safe");
        var token = eth.WrappedTokenAddress is { } named ? Address.Parse(named, "ethereum.contracts.wquil") : await WrappedQuilDeployer.FindDeployedAsync(log, client, chainId, cancellationToken);
        if (token is null) return CheckResult.NotAvailable("EthereumResumed: the plan names no ethereum.contracts.wquil and this deployment's journal holds no confirmed WrappedQuil deployment");

        var transactor = new ContractTransactor(client, chainId, context.Time); // the chain id is read and checked above
        var safe = new SafeContract(transactor, safeAddress);
        var folder = plan.Resolve(eth.SafeFolder);
        var proposal = await SafeUnpauseProposal.FixAsync(log, context.StepId, context.Faults, chainId, safeAddress, token, () => safe.GetNonceAsync(cancellationToken), folder, cancellationToken);
        var proposed = $"SafeTx {Hex.Encode(proposal.SafeTxHash)} (unpause() on {token}, Safe {safeAddress} nonce {proposal.Tx.Nonce})";
        var store = new JournalTransactionStore(log, () => context.StepId, context.Faults, Step.ToString(), context.Time);
        var key = $"eth:{chainId}:safe:{safeAddress.ToLowerHex()}:exec:{proposal.Tx.Nonce}";
        var journaled = new JournaledTransaction(client, store, context.Time);
        SendResult sent;
        if (await store.FindAsync(key, cancellationToken) is not null)
        {
            sent = await journaled.WaitAsync(key, cancellationToken);
        }
        else
        {
            var safeNonce = await safe.GetNonceAsync(cancellationToken);
            if (safeNonce != proposal.Tx.Nonce)
            {
                return CheckResult.NotAvailable($"EthereumResumed: held: the Safe's nonce is {safeNonce}, but {proposed} was fixed at nonce {proposal.Tx.Nonce}: "
                    + $"the owners executed another Safe transaction, so signatures of this one can never be used; paused() = {(await WrappedQuilRoles.IsPausedAsync(client, token, cancellationToken)).ToString().ToLowerInvariant()}; decide with rollout resume --attest or --abort");
            }
            var (collector, refused) = SafeUnpauseProposal.Collect(proposal, folder, await safe.GetOwnersAsync(cancellationToken), await safe.GetThresholdAsync(cancellationToken));
            var refusals = refused.Count == 0 ? "" : "; refused: " + string.Join(", ", refused);
            if (!collector.HasThreshold)
            {
                return CheckResult.NotAvailable($"EthereumResumed: {collector.Count} of {collector.Threshold} owner signatures for {proposed} in {folder}{refusals}; "
                    + $"each owner runs: rollout eth safe-sign --plan PLAN --key KEYSTORE --tx {Path.Combine(folder, SafeUnpauseProposal.FileName)} --out {folder}/NAME.json");
            }
            using var sender = DeployerKey.Open(DeployerKey.PathOf(plan, eth.DeployerKeystore), passphrase);
            var call = SafeContract.EncodeExecTransaction(proposal.Tx, collector.Packed());
            try
            {
                // Simulate first: a Safe that would refuse (GS0xx) or an inner revert fails the step with nothing sent.
                await transactor.CallAsync("Safe.execTransaction", safeAddress, call, sender.Address, [.. SafeContract.Abi.Errors, .. WrappedQuilContract.Abi.Errors], cancellationToken);
            }
            catch (ContractRevertedException ex)
            {
                return CheckResult.Failed(CauseCatalog.Get("ER-1"), $"{proposed} with the signatures of {string.Join(", ", collector.Signers)}: the simulation reverts: {ex.Message}; nothing was sent");
            }
            sent = await journaled.SendOnceAsync(key, chainId, sender, safeAddress, call, cancellationToken);
        }
        return await ConcludeAsync(client, sent, safeAddress, proposal, token, proposed, eth.Confirmations, cancellationToken);
    }

    private static async Task<CheckResult> ConcludeAsync(EthClient client, SendResult result, Address safe, SafeTxProposal proposal, Address token, string proposed, int confirmationsNeeded, CancellationToken cancellationToken)
    {
        var record = result.Record;
        var tx = $"execTransaction {Hex.Encode(record.Hash)} (nonce {record.Nonce} of {record.Sender})";
        switch (result.Outcome)
        {
            case SendOutcome.Held:
                return CheckResult.NotAvailable($"EthereumResumed: held: {await TransactionHold.ExplainAsync(client, record, cancellationToken)}; {tx} for {proposed} is not sent again; decide with rollout resume --attest or --abort");
            case SendOutcome.Reverted:
                return CheckResult.Failed(CauseCatalog.Get("ER-1"), $"{tx} for {proposed} reverted in block {record.BlockNumber}: the bridge contract stays paused");
            case not SendOutcome.Mined:
                return CheckResult.NotAvailable($"EthereumResumed: {tx} is {result.Outcome.ToString().ToLowerInvariant()}, not mined after {JournaledTransaction.MaxPolls} polls; rollout resume waits for it again (it is never signed twice)");
        }
        var receipt = result.Receipt ?? await client.GetTransactionReceiptAsync(record.Hash, cancellationToken)
            ?? throw new InvalidOperationException($"{tx}: journaled as mined but the node has no receipt (a reorganisation?)");
        var execution = SafeContract.ReadExecution(receipt, safe);
        if (!execution.Succeeded || !execution.SafeTxHash.AsSpan().SequenceEqual(proposal.SafeTxHash))
        {
            return CheckResult.Failed(CauseCatalog.Get("ER-1"), $"{tx} in block {receipt.BlockNumber}: the Safe reported {(execution.Succeeded ? "ExecutionSuccess" : "ExecutionFailure")} for SafeTx {Hex.Encode(execution.SafeTxHash)}, expected ExecutionSuccess for {proposed}");
        }
        var confirmations = await TransactionHold.ConfirmationsAsync(client, receipt, cancellationToken);
        var mined = $"{tx} executed {proposed} in block {receipt.BlockNumber.ToString(CultureInfo.InvariantCulture)}, {confirmations} confirmation(s)";
        if (confirmations < (ulong)confirmationsNeeded) return CheckResult.NotAvailable($"EthereumResumed: {mined} of {confirmationsNeeded}; rollout resume checks again");
        if (await WrappedQuilRoles.IsPausedAsync(client, token, cancellationToken))
        {
            return CheckResult.Failed(CauseCatalog.Get("ER-1"), $"{mined}, yet paused() still reads true on {token}");
        }
        return CheckResult.Passed($"{mined}; paused() = false on {token}");
    }
}
