using System.Buffers.Binary;
using System.Text.Json;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Deployer.Ethereum;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Rollout;
using Rollout.Deployer.Storage;

namespace Rollout.Deployer.Quorum;

/// <summary>
/// The UnlockCollecting step. The first run journals the chain head as the anchor; once a block after it exists,
/// the deployer fixes the genesis seed on that block's hash (a blockstamp nobody could know before the release
/// was signed), journals it, and writes <c>unlock-request.json</c> for the signers. Every run then collects the
/// signers' files from the plan's unlock folder; at quorum it writes <c>genesis-unlock.json</c> and passes.
/// Until then it holds, saying how many signatures it has and why any file was refused.
/// </summary>
public sealed class UnlockCollectingCheck(Func<Uri, EthClient>? connect = null) : IStageCheck
{
    /// <summary>The request file the signers read the seed from.</summary>
    public const string RequestFileName = "unlock-request.json";

    /// <summary>The signed unlock written at quorum.</summary>
    public const string UnlockFileName = "genesis-unlock.json";

    /// <summary>The outside action holding the chain head journaled when collection began.</summary>
    internal const string AnchorKey = "unlock:anchor";
    private const string SeedKey = "unlock:seed";

    /// <inheritdoc/>
    public RolloutState Step => RolloutState.UnlockCollecting;

    /// <inheritdoc/>
    public string Describe(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        return $"fix the genesis seed on a block of chain {plan.Ethereum.ChainId} mined after this step began, then collect at least "
            + $"{plan.Quorum.Unlock} valid Ed448 signatures on SHA3-256(genesis) from {plan.Resolve(plan.Release.UnlockFolder)}";
    }

    /// <inheritdoc/>
    public async Task<CheckResult> EvaluateAsync(CheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        if (context.OutsideActions is not { } log) return CheckResult.NotAvailable("UnlockCollecting: no journal to fix the seed in (dry run)");
        var client = (connect ?? EthereumConnection.Connect)(plan.Ethereum.RpcUrl);
        var folder = plan.Resolve(plan.Release.UnlockFolder);
        Directory.CreateDirectory(folder);

        var anchor = await AnchorAsync(log, client, context.StepId, cancellationToken);
        var seed = await SeedAsync(log, client, context, anchor, folder, cancellationToken);
        if (seed is null) return CheckResult.NotAvailable($"UnlockCollecting: waiting for a block after #{anchor} to stamp the genesis seed with");

        var signatories = SignatorySet.Of(plan);
        var files = Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) is not (RequestFileName or UnlockFileName)).Order(StringComparer.Ordinal).ToList();
        var signatures = new List<(string File, UnlockSignature Signature)>();
        var refused = new List<string>();
        foreach (var file in files)
        {
            try
            {
                signatures.Add((file, UnlockSignature.Read(file)));
            }
            catch (InvalidDataException ex)
            {
                refused.Add($"{Path.GetFileName(file)} (malformed: {ex.Message})");
            }
        }
        var predated = await PreDatedSeedsAsync(client, signatures.Select(s => s.Signature), seed, anchor, cancellationToken);
        var collector = new UnlockCollector(signatories, plan.Quorum.Unlock, seed, new HashSet<string>(), stamp => predated.Contains(Convert.ToHexStringLower([.. stamp])));
        foreach (var (file, signature) in signatures)
        {
            if (collector.Add(signature) is { } rejection) refused.Add($"{Path.GetFileName(file)} ({rejection})");
        }
        var refusals = refused.Count == 0 ? "" : "; refused: " + string.Join(", ", refused);
        if (!collector.HasQuorum)
        {
            return CheckResult.NotAvailable($"UnlockCollecting: {collector.Count} of {collector.Required} unlock signatures in {folder}{refusals}; "
                + $"each signer runs: rollout sign-unlock --plan PLAN --key KEYSTORE --seed {seed.Hex} --out {folder}/NAME.json");
        }
        var unlock = collector.Build();
        var unlockPath = Path.Combine(folder, UnlockFileName);
        AtomicFile.WriteAllText(unlockPath, unlock.ToJson() + "\n");
        return CheckResult.Passed($"{collector.Count} of {collector.Required} unlock signatures; {unlockPath} written{refusals}");
    }

    private static async Task<ulong> AnchorAsync(IOutsideActionLog log, EthClient client, long stepId, CancellationToken cancellationToken)
    {
        if (await RecordedAnchorAsync(log, cancellationToken) is { } recorded) return recorded;
        var head = await client.BlockNumberAsync(cancellationToken);
        var raw = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(raw, head);
        var id = await log.RecordPreparedAsync(stepId, "unlock-anchor", AnchorKey, raw, "", cancellationToken);
        await log.RecordOutcomeAsync(id, OutsideActionStatus.Confirmed, $"chain head #{head} when unlock collection began; the blockstamp comes after it", cancellationToken);
        return head;
    }

    /// <summary>The anchor block journaled by an earlier run, or null when collection has not begun.</summary>
    internal static async Task<ulong?> RecordedAnchorAsync(IOutsideActionLog log, CancellationToken cancellationToken) =>
        await log.FindAsync(AnchorKey, cancellationToken) is { } recorded ? BinaryPrimitives.ReadUInt64BigEndian(Convert.FromHexString(recorded.RawHex)) : null;

    private static async Task<GenesisSeed?> SeedAsync(IOutsideActionLog log, EthClient client, CheckContext context, ulong anchor, string folder, CancellationToken cancellationToken)
    {
        if (await log.FindAsync(SeedKey, cancellationToken) is { } recorded)
        {
            return GenesisSeed.TryParse(Convert.FromHexString(recorded.RawHex), out var parsed, out var error)
                ? parsed
                : throw new InvalidDataException($"journal: the fixed genesis seed does not parse: {error}");
        }
        var block = await client.GetBlockByNumberAsync(BlockTag.Number(anchor + 1), cancellationToken);
        if (block is null) return null;
        var plan = context.Plan;
        var seed = GenesisSeed.Create(plan.Release.UnlockPhrase, block.Hash, Convert.FromHexString(plan.BeaconKey));
        var id = await log.RecordPreparedAsync(context.StepId, "unlock-seed", SeedKey, seed.Bytes.ToArray(), Convert.ToHexStringLower(seed.SignedText), cancellationToken);
        await log.RecordOutcomeAsync(id, OutsideActionStatus.Confirmed, $"blockstamp: block #{block.Number} {Convert.ToHexStringLower(block.Hash)}", cancellationToken);
        var request = new
        {
            genesisSeedHex = seed.Hex,
            phrase = seed.Phrase,
            blockNumber = block.Number,
            blockHash = "0x" + Convert.ToHexStringLower(block.Hash),
            anchorBlock = anchor,
            beacon = plan.BeaconKey,
            quorum = plan.Quorum.Unlock,
            signatories = plan.Signatories,
        };
        AtomicFile.WriteAllText(Path.Combine(folder, RequestFileName), JsonSerializer.Serialize(request, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return seed;
    }

    // The collector's pre-dated test needs each foreign seed's block; look them up once, before collecting.
    private static async Task<HashSet<string>> PreDatedSeedsAsync(EthClient client, IEnumerable<UnlockSignature> signatures, GenesisSeed seed, ulong anchor, CancellationToken cancellationToken)
    {
        var predated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signature in signatures)
        {
            var hex = signature.GenesisSeedHex.ToLowerInvariant();
            if (hex == seed.Hex || !GenesisSeed.TryParse(Convert.FromHexString(hex), out var other, out _)) continue;
            var stamp = other!.Blockstamp.ToArray();
            if (await client.GetBlockByHashAsync(stamp, cancellationToken) is { } block && block.Number <= anchor) predated.Add(Convert.ToHexStringLower(stamp));
        }
        return predated;
    }
}
