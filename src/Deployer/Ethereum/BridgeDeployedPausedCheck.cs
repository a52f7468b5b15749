using System.Globalization;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Sending;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Rollout;

namespace Rollout.Deployer.Ethereum;

/// <summary>
/// The BridgeDeployedPaused step: its Ethereum part acts, then measures. A rehearsal without
/// <c>ethereum.contracts.wquil</c> deploys WrappedQuil(admin = the Safe, pauser, minter) from the plan's deployer
/// keystore through the write-ahead sender on the journal (so a resumed step reconciles its journaled
/// transaction and never deploys twice), waits for the plan's confirmations, then reads the contract back:
/// code, paused, the Safe holding the admin role, the deployer holding none. A plan naming the contract only
/// verifies it. The node-side bridge application is not measurable yet, so a verified Ethereum side still
/// reports not-available (the run holds for an operator), never a pass.
/// </summary>
public sealed class BridgeDeployedPausedCheck(Func<string> passphrase, Func<Uri, EthClient>? connect = null) : IStageCheck
{
    /// <summary>What the node side still needs.</summary>
    public const string NodeSideNeeds = "src/Bridge: the bridge application on the node side (deployed, initialised, owned, paused)";

    /// <inheritdoc/>
    public RolloutState Step => RolloutState.BridgeDeployedPaused;

    /// <inheritdoc/>
    public string Describe(CheckContext context)
    {
        var eth = context.Plan.Ethereum;
        var deploy = eth.WrappedTokenAddress is null
            ? $"deploy WrappedQuil on chain {eth.ChainId} from {eth.DeployerKeystore ?? "(ethereum.deployer_keystore missing)"} through the journal's write-ahead records, {eth.Confirmations} confirmation(s)"
            : $"the existing wQUIL {eth.WrappedTokenAddress} on chain {eth.ChainId}";
        return $"{deploy}; read back: code, paused(), admin role held by the Safe {eth.SafeAddress ?? "(ethereum.safe missing)"}, the deployer holds no role; node side: {NodeSideNeeds}";
    }

    /// <inheritdoc/>
    public async Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default)
    {
        var plan = context.Plan;
        var eth = plan.Ethereum;
        var missing = new[] { ("ethereum.safe", eth.SafeAddress), ("ethereum.pauser", eth.Pauser), ("ethereum.minter", eth.Minter) }
            .Where(m => m.Item2 is null).Select(m => m.Item1)
            .Concat(eth.WrappedTokenAddress is null && eth.DeployerKeystore is null ? ["ethereum.deployer_keystore"] : [])
            .ToList();
        if (missing.Count > 0) return CheckResult.NotAvailable($"BridgeDeployedPaused: the plan does not name {string.Join(", ", missing)}; the Ethereum side cannot be deployed or verified");
        if (context.OutsideActions is null) return CheckResult.NotAvailable("BridgeDeployedPaused: no journal to write the transaction ahead to (dry run)");

        var client = (connect ?? EthereumConnection.Connect)(eth.RpcUrl);
        var chainId = await client.ChainIdAsync(cancellationToken);
        if (chainId != eth.ChainId) return CheckResult.NotAvailable($"BridgeDeployedPaused: {eth.RpcUrl} serves chain {chainId}, the plan names chain {eth.ChainId}; nothing was sent");
        var safe = Address.Parse(eth.SafeAddress, "ethereum.safe");
        var pauser = Address.Parse(eth.Pauser, "ethereum.pauser");
        var minter = Address.Parse(eth.Minter, "ethereum.minter");

        Address token;
        Address deployer;
        string deployed;
        if (eth.WrappedTokenAddress is { } existing)
        {
            token = Address.Parse(existing, "ethereum.contracts.wquil");
            deployer = eth.DeployerKeystore is null ? Address.Zero : DeployerAddress(plan, eth.DeployerKeystore);
            deployed = $"existing wQUIL {token}";
        }
        else
        {
            using var signer = DeployerKey.Open(DeployerKey.PathOf(plan, eth.DeployerKeystore!), passphrase);
            deployer = signer.Address;
            var store = new JournalTransactionStore(context.OutsideActions, () => context.StepId, context.Faults, Step.ToString(), context.Time);
            var result = await new WrappedQuilDeployer(client, store, context.Time).DeployAsync(chainId, signer, safe, pauser, minter, cancellationToken);
            var record = result.Record;
            var tx = $"transaction {Hex.Encode(record.Hash)} (nonce {record.Nonce} of {record.Sender})";
            switch (result.Outcome)
            {
                case SendOutcome.Held:
                    return CheckResult.NotAvailable($"BridgeDeployedPaused: held: {await TransactionHold.ExplainAsync(client, record, cancellationToken)}; the deployment {tx} is not sent again; decide with rollout resume --attest or --abort");
                case SendOutcome.Reverted:
                    return CheckResult.Failed(CauseCatalog.Get("BP-1"), $"the WrappedQuil deployment {tx} reverted in block {record.BlockNumber}: no contract was created");
                case not SendOutcome.Mined:
                    return CheckResult.NotAvailable($"BridgeDeployedPaused: the deployment {tx} is {result.Outcome.ToString().ToLowerInvariant()}, not mined after {JournaledTransaction.MaxPolls} polls; rollout resume waits for it again (it is never signed twice)");
            }
            var receipt = result.Receipt ?? await client.GetTransactionReceiptAsync(record.Hash, cancellationToken)
                ?? throw new InvalidOperationException($"{tx}: journaled as mined but the node has no receipt (a reorganisation?)");
            token = receipt.ContractAddress ?? throw new InvalidOperationException($"{tx}: the receipt names no contract address");
            var confirmations = await TransactionHold.ConfirmationsAsync(client, receipt, cancellationToken);
            if (confirmations < (ulong)eth.Confirmations)
            {
                return CheckResult.NotAvailable($"BridgeDeployedPaused: WrappedQuil {token} is mined in block {receipt.BlockNumber} with {confirmations} of {eth.Confirmations} confirmations; rollout resume checks again");
            }
            deployed = $"WrappedQuil {token} deployed by {tx} in block {receipt.BlockNumber.ToString(CultureInfo.InvariantCulture)}, {confirmations} confirmation(s)";
        }

        var (problems, observed) = await WrappedQuilVerification.VerifyAsync(client, token, safe, pauser, minter, deployer, cancellationToken);
        if (problems.Count > 0) return CheckResult.Failed(CauseCatalog.Get("BP-1"), $"{deployed}: {string.Join("; ", problems)}");
        return CheckResult.NotAvailable($"BridgeDeployedPaused: Ethereum side verified: {deployed}; {observed}. The node side cannot be evaluated yet: it needs {NodeSideNeeds}");
    }

    private Address DeployerAddress(Plans.RolloutPlan plan, string keystore)
    {
        using var key = DeployerKey.Open(DeployerKey.PathOf(plan, keystore), passphrase);
        return key.Address;
    }
}
