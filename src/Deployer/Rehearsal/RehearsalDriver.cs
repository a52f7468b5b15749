using Rollout.Deployer.Cli;
using Rollout.Deployer.Ethereum;
using Rollout.Deployer.Journal;
using Rollout.Deployer.Quorum;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Deployer.Rehearsal;

/// <summary>
/// Runs the deployment of a <see cref="RehearsalWorld"/> through the operators' own verbs, in process: <c>run</c>,
/// then at each hold the part a person would play. The release signatories sign the release before the run
/// (<c>sign-release</c>, a quorum of them) and the unlock seed once the deployer publishes it (<c>sign-unlock</c>);
/// the Safe's owners sign the unpause SafeTx (<c>eth safe-sign</c>); a block is mined when the unlock waits for a
/// blockstamp. A step this build cannot measure holds as not-available: the rehearsal attests it, saying so in the
/// journal, and the summary names it. A failed check stops the rehearsal (exit 1); a hold the rehearsal has
/// already answered once stops it too (exit 4), so it never loops.
/// </summary>
internal sealed class RehearsalDriver(RehearsalWorld world, EthClient client, TextWriter output, TextWriter error)
{
    /// <summary>The deployment id of a rehearsal.</summary>
    public const string DeploymentId = "rehearsal";

    private const int MaxRounds = 64;
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

    /// <summary>Where the journal lives: <c>&lt;folder&gt;/deployments/rehearsal/journal.db</c>.</summary>
    public string Home => Path.Combine(world.Folder, "deployments");

    /// <summary>Signs the release, runs the deployment to Live (or a stop) and prints the summary; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        for (var slot = 1; slot <= world.Plan.Quorum.Release; slot++)
        {
            await RolloutAsync(["sign-release", "--file", world.ReleaseBinary, "--key", world.Keys.SignatoryKeystores[slot - 1], "--index", $"{slot}"], cancellationToken);
        }
        var code = await RolloutAsync(["run", "--plan", world.PlanPath, .. Where], cancellationToken);
        for (var round = 0; round < MaxRounds && code == ExitCodes.Held; round++)
        {
            var held = HeldStep();
            string[] resume = await AnswerAsync(held, cancellationToken) is { } answered
                ? ["resume", "--note", answered, "--operator", "rehearsal", .. Where]
                : ["resume", "--attest", "--note", $"rehearsal: {held.Check} cannot be measured by this build ({Shorten(held.Detail)}); attested so the rehearsal goes on", "--operator", "rehearsal", .. Where];
            code = await RolloutAsync(resume, cancellationToken);
        }
        PrintSummary(code);
        return code;
    }

    private string[] Where => ["--deployment", DeploymentId, "--home", Home];

    /// <summary>Plays the people a held step waits for; returns what was done, or null when the step can only be attested.</summary>
    private async Task<string?> AnswerAsync(CheckResultRecord held, CancellationToken cancellationToken)
    {
        string? answer = held.Check switch
        {
            nameof(Rollout.RolloutState.UnlockCollecting) => await UnlockAsync(cancellationToken),
            nameof(Rollout.RolloutState.EthereumResumed) => await OwnersSignAsync(cancellationToken),
            _ => null,
        };
        if (answer is not null && !_answered.Add($"{held.Check}:{answer}"))
        {
            throw new RehearsalStoppedException($"{held.Check} still holds after the rehearsal {answer}: {held.Detail}");
        }
        return answer;
    }

    private async Task<string?> UnlockAsync(CancellationToken cancellationToken)
    {
        var folder = world.Plan.Resolve(world.Plan.Release.UnlockFolder);
        var request = Path.Combine(folder, UnlockCollectingCheck.RequestFileName);
        if (!File.Exists(request))
        {
            // The seed is stamped with the first block mined after collection began; the devchain mines only on demand.
            await client.Rpc.CallAsync("evm_mine", [], cancellationToken);
            output.WriteLine("rehearsal: mined a block for the unlock's blockstamp");
            return "mined a block for the blockstamp";
        }
        // The contracted form: sign-unlock reads the seed from the request in the plan's unlock folder itself.
        for (var i = 0; i < world.Keys.SignatoryKeystores.Count; i++)
        {
            await RolloutAsync(["sign-unlock", "--plan", world.PlanPath, "--key", world.Keys.SignatoryKeystores[i], "--out", Path.Combine(folder, $"signatory{i + 1}.json")], cancellationToken);
        }
        return $"had the {world.Keys.SignatoryKeystores.Count} signatories sign the unlock";
    }

    private async Task<string?> OwnersSignAsync(CancellationToken cancellationToken)
    {
        var folder = world.Plan.Resolve(world.Plan.Ethereum.SafeFolder);
        var proposal = Path.Combine(folder, SafeUnpauseProposal.FileName);
        if (!File.Exists(proposal)) return null;
        for (var i = 0; i < RehearsalWorld.Threshold; i++)
        {
            // Owners 1 and 3: any threshold-sized subset unlocks the Safe, not only the first ones.
            var owner = i == 0 ? 0 : RehearsalWorld.Owners - i;
            // The contracted form: safe-sign takes the unpause SafeTx from the plan's Safe folder itself.
            await RolloutAsync(["eth", "safe-sign", "--plan", world.PlanPath, "--key", world.Keys.OwnerKeystores[owner], "--out", Path.Combine(folder, $"owner{owner + 1}.json")], cancellationToken);
        }
        return $"had {RehearsalWorld.Threshold} of the {RehearsalWorld.Owners} Safe owners sign the unpause";
    }

    private CheckResultRecord HeldStep()
    {
        using var journal = DeploymentJournal.OpenReadOnly(Home, DeploymentId, TimeProvider.System);
        return journal.CheckResults()[^1];
    }

    private async Task<int> RolloutAsync(string[] args, CancellationToken cancellationToken)
    {
        output.WriteLine($"$ rollout {string.Join(' ', args)}");
        var code = await CommandLine.RunAsync(args, output, error, cancellationToken);
        if (args[0] is not ("run" or "resume") && code != ExitCodes.Success) throw new RehearsalStoppedException($"rollout {args[0]} exited {code}");
        return code;
    }

    private void PrintSummary(int code)
    {
        using var journal = DeploymentJournal.OpenReadOnly(Home, DeploymentId, TimeProvider.System);
        var steps = journal.CheckResults().GroupBy(r => r.Check).Select(g => (Last: g.Last(), Measured: g.LastOrDefault(r => r.Result != "attested"))).ToList();
        output.WriteLine();
        output.WriteLine($"rehearsal summary ({Path.Combine(Home, DeploymentId, "journal.db")}), each step's last result and what its check last measured:");
        foreach (var (last, measured) in steps) output.WriteLine($"  {last.Check,-22} {last.Result,-9} {Shorten(measured?.Detail ?? last.Detail)}");
        var passed = steps.Where(s => s.Last.Result == "passed").Select(s => s.Last.Check).ToList();
        var attested = steps.Where(s => s.Last.Result == "attested").Select(s => s.Last.Check).ToList();
        output.WriteLine(code == ExitCodes.Success
            ? $"Live. Measured and passed: {passed.Count} step(s) ({string.Join(", ", passed)}). Attested by the rehearsal because this build cannot measure them: {attested.Count} ({string.Join(", ", attested)})."
            : $"The rehearsal stopped with exit code {code}; see rollout status --deployment {DeploymentId} --home {Home}.");
    }

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..139] + "…";
}
