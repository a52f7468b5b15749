using System.Diagnostics;
using System.Text;

namespace Rollout.TestSupport;

/// <summary>
/// Runs a JavaScript oracle from ops/devchain/oracles with Node: JSON in on stdin, JSON out on stdout.
/// The oracles call libraries nobody here wrote (ethers, @openzeppelin/merkle-tree, @iden3/js-crypto),
/// so a test compares our bytes with theirs. ops/test installs them with npm ci; a missing install
/// is a test failure, never a skip.
/// </summary>
public static class NodeOracle
{
    /// <summary>Runs <c>oracles/{script}</c> with <paramref name="input"/> on stdin and returns its stdout.</summary>
    public static string Run(string script, string input, TimeSpan? timeout = null)
    {
        var scriptPath = Path.Combine(RepoPaths.Devchain, "oracles", script);
        if (!File.Exists(scriptPath)) throw new FileNotFoundException($"oracle script missing: {scriptPath}");
        if (!Directory.Exists(Path.Combine(RepoPaths.Devchain, "node_modules")))
        {
            throw new InvalidOperationException("ops/devchain/node_modules is missing: run ops/test (it runs npm ci there)");
        }
        var start = new ProcessStartInfo("node", [scriptPath])
        {
            WorkingDirectory = RepoPaths.Devchain,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"oracle {script} did not finish");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"oracle {script} exited {process.ExitCode}: {stderr.Result}");
        }
        return stdout.Result;
    }
}
