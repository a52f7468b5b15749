using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Deployer.Ethereum;
using Rollout.Deployer.Rollout;

namespace Rollout.Deployer.Quorum;

/// <summary>
/// The Unlocked step: the signed unlock must verify as the reference node verifies it (plus the beacon binding),
/// and its blockstamp must be a block mined after the anchor journaled when collection began. Whether the nodes
/// left stasis needs the node API, so a verified unlock still reports not-available, never a pass.
/// </summary>
public sealed class UnlockedCheck(Func<Uri, EthClient>? connect = null) : IStageCheck
{
    /// <summary>What the node side still needs.</summary>
    public const string NodeSideNeeds = "src/Mesh: the node API's genesis seed and stasis lock state";

    /// <inheritdoc/>
    public RolloutState Step => RolloutState.Unlocked;

    /// <inheritdoc/>
    public string Describe(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        return $"{Path.Combine(plan.Resolve(plan.Release.UnlockFolder), UnlockCollectingCheck.UnlockFileName)} verifies with {plan.Quorum.Unlock} signatures, "
            + $"binds beacon {plan.BeaconKey[..16]}… and a blockstamp mined after collection began; nodes left stasis ({NodeSideNeeds})";
    }

    /// <inheritdoc/>
    public async Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        var path = Path.Combine(plan.Resolve(plan.Release.UnlockFolder), UnlockCollectingCheck.UnlockFileName);
        if (!File.Exists(path)) return CheckResult.NotAvailable($"Unlocked: {path} does not exist");
        if (context.OutsideActions is not { } log) return CheckResult.NotAvailable("Unlocked: no journal (dry run)");
        var unlock = SignedGenesisUnlock.FromJson(await File.ReadAllTextAsync(path, cancellationToken), path);
        var signatories = SignatorySet.Of(plan);
        if (!unlock.Verify(signatories, plan.Quorum.Unlock, out var problem)) return CheckResult.Failed(CauseCatalog.Get("UN-2"), $"{path}: {problem}");
        if (!Convert.ToHexStringLower(unlock.Beacon).Equals(plan.BeaconKey, StringComparison.Ordinal))
        {
            return CheckResult.Failed(CauseCatalog.Get("UN-2"), $"{path}: the beacon is not the plan's beacon key");
        }

        if (await UnlockCollectingCheck.RecordedAnchorAsync(log, cancellationToken) is not { } anchor) return CheckResult.NotAvailable("Unlocked: the journal holds no unlock anchor (UnlockCollecting did not run)");
        GenesisSeed.TryParse(Convert.FromHexString(unlock.GenesisSeedHex), out var seed, out _);
        var client = (connect ?? EthereumConnection.Connect)(plan.Ethereum.RpcUrl);
        var block = await client.GetBlockByHashAsync(seed!.Blockstamp.ToArray(), cancellationToken);
        if (block is null || block.Number <= anchor)
        {
            var where = block is null ? "is no block of this chain" : $"is block #{block.Number}, not after the anchor #{anchor}";
            return CheckResult.Failed(CauseCatalog.Get("UN-1"), $"the blockstamp {Convert.ToHexStringLower([.. seed.Blockstamp])} {where}");
        }
        return CheckResult.NotAvailable($"Unlocked: the unlock verifies ({unlock.Signatures.Count} signatures, blockstamp block #{block.Number} after anchor #{anchor}); {NodeSideNeeds} is not available");
    }
}
