using System.Numerics;
using System.Text;
using Rollout.Bridge.Contracts;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Safe;
using Rollout.Deployer.Faults;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Storage;

namespace Rollout.Deployer.Ethereum;

/// <summary>
/// The SafeTx that unpauses WrappedQuil, fixed once per deployment: the first run reads the Safe's nonce, journals
/// the proposal document (an outside action of kind <see cref="Kind"/>, so a resumed run proposes the same
/// transaction and the owners' signatures stay valid) and writes it as <see cref="FileName"/> in the plan's Safe
/// folder; later runs read it back from the journal and rewrite the file if it went missing.
/// </summary>
internal static class SafeUnpauseProposal
{
    /// <summary>The outside-action kind of a proposal handed to the Safe's owners.</summary>
    public const string Kind = "safe-proposal";

    /// <summary>The file the owners sign with <c>rollout eth safe-sign --tx</c>.</summary>
    public const string FileName = "unpause-safetx.json";

    /// <summary>The journal key of the proposal for <paramref name="safe"/> on <paramref name="chainId"/>.</summary>
    public static string Key(BigInteger chainId, Address safe) => $"eth:{chainId}:safe:{safe.ToLowerHex()}:unpause-proposal";

    /// <summary>The journaled proposal, or a new one at <paramref name="safeNonce"/> (journaled before its file is written).</summary>
    public static async Task<SafeTxProposal> FixAsync(
        IOutsideActionLog log, long stepId, IFaultInjector faults, BigInteger chainId, Address safe, Address token, Func<Task<BigInteger>> safeNonce, string folder, CancellationToken cancellationToken)
    {
        var key = Key(chainId, safe);
        var path = Path.Combine(folder, FileName);
        SafeTxProposal proposal;
        if (await log.FindAsync(key, cancellationToken) is { } recorded)
        {
            proposal = SafeTxProposal.FromJson(Encoding.UTF8.GetString(Convert.FromHexString(recorded.RawHex)), $"journal outside action #{recorded.ActionId} ({key})");
        }
        else
        {
            proposal = SafeTxProposal.Call(safe, chainId, token, WrappedQuilContract.EncodeUnpause(), await safeNonce(), description: $"unpause WrappedQuil {token} (rollout stage 4, EthereumResumed)");
            var id = await log.RecordPreparedAsync(stepId, Kind, key, Encoding.UTF8.GetBytes(proposal.ToJson()), Hex.Encode(proposal.SafeTxHash), cancellationToken);
            await log.RecordOutcomeAsync(id, OutsideActionStatus.Confirmed, $"SafeTx {Hex.Encode(proposal.SafeTxHash)} at Safe nonce {proposal.Tx.Nonce}, written to {path} for the owners", cancellationToken);
            faults.Reached("EthereumResumed.proposal", FaultPhase.After);
        }
        Directory.CreateDirectory(folder);
        var json = proposal.ToJson();
        if (!File.Exists(path) || File.ReadAllText(path) != json) AtomicFile.WriteAllText(path, json);
        return proposal;
    }

    /// <summary>
    /// Reads every signature file in <paramref name="folder"/> (all <c>*.json</c> but the proposal) into a collector
    /// for <paramref name="proposal"/>; returns it with each refused file and why.
    /// </summary>
    public static (SafeSignatureCollector Collector, IReadOnlyList<string> Refused) Collect(SafeTxProposal proposal, string folder, IReadOnlyList<Address> owners, int threshold)
    {
        var collector = new SafeSignatureCollector(proposal.SafeTxHash, owners, threshold);
        var refused = new List<string>();
        var files = Directory.GetFiles(folder, "*.json").Where(f => Path.GetFileName(f) != FileName).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            string? why;
            try
            {
                why = collector.Add(SafeSignature.FromJson(File.ReadAllText(file), Path.GetFileName(file)));
            }
            catch (InvalidDataException ex)
            {
                why = $"malformed: {ex.Message}";
            }
            if (why is not null) refused.Add($"{Path.GetFileName(file)} ({why})");
        }
        return (collector, refused);
    }
}
