using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Deployer.Cli.Keys;
using Rollout.Deployer.Rehearsal;

namespace Rollout.Deployer.Cli;

/// <summary>
/// <c>rollout rehearse --rpc URL [--plan FILE] [--out DIR]</c>: the whole rollout on a Hardhat devchain, from keys to
/// Live (<see cref="RehearsalWorld"/>, <see cref="RehearsalDriver"/>). Keystores are encrypted with
/// <c>ROLLOUT_PASSPHRASE</c> when it is set, else with a random passphrase that lives only in this process.
/// Exit 0 Live; 1 a check failed; 2 bad input (nothing written); 3 the chain is unreachable; 4 held.
/// </summary>
internal static class RehearseCommand
{
    public static Command Create(TextWriter output)
    {
        var rpc = new Option<string>("--rpc") { Description = "The Hardhat devchain's JSON-RPC URL (ops/devchain/start prints it; ops/rehearse starts one)", Required = true };
        var plan = new Option<string>("--plan") { Description = "The team's rehearsal plan: mesh settings, thresholds, snapshots", DefaultValueFactory = _ => Path.Combine("ops", "samples", "plans", "rehearsal.yaml") };
        var outPath = new Option<string>("--out") { Description = "A new or empty folder for keys, plan, release, signatures and the journal (default: deployments/rehearsal-<UTC time>)" };
        var command = new Command("rehearse", "Run the whole rollout on a local devchain: keys, Safe, release and unlock signatures, every stage, to Live") { rpc, plan, outPath };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(rpc), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new InvalidDataException($"--rpc: \"{parse.GetValue(rpc)}\" is not an http(s) URL");
            }
            var template = parse.GetValue(plan)!;
            if (!File.Exists(template)) throw new InvalidDataException($"--plan: {template} not found");
            var folder = Path.GetFullPath(parse.GetValue(outPath) ?? Path.Combine("deployments", "rehearsal-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()) throw new InvalidDataException($"--out: {folder} is not empty; a rehearsal never writes over another");

            var previous = Environment.GetEnvironmentVariable(Passphrase.Variable);
            var passphrase = previous is { Length: > 0 } ? previous : Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
            Environment.SetEnvironmentVariable(Passphrase.Variable, passphrase);
            try
            {
                using var http = new HttpClient();
                var client = new EthClient(new JsonRpcClient(http, new JsonRpcOptions(url, TimeSpan.FromSeconds(30), MaxRetries: 2, RetryDelay: TimeSpan.FromMilliseconds(250))));
                output.WriteLine($"rehearsal: {folder} on {url}{(previous is { Length: > 0 } ? "; keystores encrypted with ROLLOUT_PASSPHRASE" : "; keystores encrypted with a one-time passphrase that is not kept (set ROLLOUT_PASSPHRASE to choose one)")}");
                var world = await RehearsalWorld.CreateAsync(folder, template, client, passphrase, output, cancellationToken);
                return await new RehearsalDriver(world, client, output, Console.Error).RunAsync(cancellationToken);
            }
            catch (EthereumUnreachableException ex)
            {
                await Console.Error.WriteLineAsync($"rehearsal: the devchain is unreachable: {ex.Message}");
                return ExitCodes.Unreachable;
            }
            catch (RehearsalStoppedException ex)
            {
                await Console.Error.WriteLineAsync($"rehearsal stopped: {ex.Message}");
                return ExitCodes.Held;
            }
            finally
            {
                Environment.SetEnvironmentVariable(Passphrase.Variable, previous);
            }
        });
        return command;
    }
}
