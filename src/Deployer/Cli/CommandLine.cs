using System.CommandLine;

namespace Rollout.Deployer.Cli;

/// <summary>
/// Builds the <c>rollout</c> command tree and runs it. Every verb's errors go through one mapping:
/// bad input (<see cref="InvalidDataException"/>, <see cref="FormatException"/>, a parse error) exits 2
/// with the message that names the file, the index and the field; nothing else is printed for it. A path
/// that cannot be read or written (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>)
/// is bad input too.
/// </summary>
public static class CommandLine
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Rollout: executes and watches the staged mainnet upgrade of a Quilibrium-style network and its Ethereum bridge.");
        foreach (var command in CommandCatalog.Create(output)) root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors) await error.WriteLineAsync($"error: {parseError.Message}");
            return ExitCodes.BadInput;
        }
        try
        {
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A path the user gave that cannot be read or written (no such folder, no permission): the runtime's
            // message names the path. Writes are whole or not at all, so nothing was changed.
            await error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
