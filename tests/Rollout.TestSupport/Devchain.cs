using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace Rollout.TestSupport;

/// <summary>
/// A local Hardhat chain (chain id 31337) started through <c>ops/devchain/start</c> on a free port and
/// stopped through <c>ops/devchain/stop</c> on dispose, whatever the tests did. Use it as an xunit
/// class or collection fixture, or alone with <see cref="Start"/>. The chain is also watched from
/// outside: if the test process dies without disposing, the start script's watcher stops it.
/// </summary>
public sealed class Devchain : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly object _gate = new();
    private Uri? _url;
    private int _port;
    private bool _stopped;

    /// <summary>The chain's JSON-RPC URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Url => _url ?? throw new InvalidOperationException("the devchain has not been started");

    /// <summary>The loopback port the chain listens on.</summary>
    public int Port => _url is null ? throw new InvalidOperationException("the devchain has not been started") : _port;

    /// <summary>Starts a devchain and returns it once it answers eth_chainId; dispose it to stop it.</summary>
    public static Devchain Start()
    {
        var chain = new Devchain();
        chain.StartChain();
        return chain;
    }

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.Run(StartChain);

    /// <inheritdoc/>
    public Task DisposeAsync() => Task.Run(Dispose);

    /// <summary>Stops the chain (once; later calls do nothing).</summary>
    public void Dispose()
    {
        int port;
        lock (_gate)
        {
            if (_stopped || _url is null) return;
            _stopped = true;
            port = _port;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        var result = RunScript("stop", ["--port", port.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ops/devchain/stop --port {port} exited {result.ExitCode}: {result.Stderr}");
        }
    }

    /// <summary>
    /// Runs a file from ops/devchain: <c>.mjs</c>/<c>.js</c> scripts with node, the others with bash.
    /// Returns its exit code and output; a run longer than <paramref name="timeout"/> is killed and throws.
    /// </summary>
    public static ScriptResult RunScript(string relativePath, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(arguments);
        var path = Path.Combine(RepoPaths.Devchain, relativePath);
        if (!File.Exists(path)) throw new FileNotFoundException($"devchain script missing: {path}");
        if (!Directory.Exists(Path.Combine(RepoPaths.Devchain, "node_modules")))
        {
            throw new InvalidOperationException("ops/devchain/node_modules is missing: run ops/setup (ops/test does)");
        }
        var isNode = path.EndsWith(".mjs", StringComparison.Ordinal) || path.EndsWith(".js", StringComparison.Ordinal);
        var start = new ProcessStartInfo(isNode ? "node" : "bash", [path, .. arguments])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{relativePath} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ops/devchain/{relativePath} did not finish; stderr: {Tail(stderr)}");
        }
        process.WaitForExit();
        return new ScriptResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private void StartChain()
    {
        lock (_gate)
        {
            if (_url is not null) return;
        }
        var watch = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var result = RunScript("start", ["--watch-pid", watch], StartLimit);
        var line = result.Stdout.Trim();
        if (result.ExitCode != 0 || !Uri.TryCreate(line, UriKind.Absolute, out var url) || url.Host != "127.0.0.1")
        {
            throw new InvalidOperationException($"ops/devchain/start exited {result.ExitCode} with '{line}': {result.Stderr}");
        }
        lock (_gate)
        {
            _url = url;
            _port = url.Port;
        }
        // xunit disposes fixtures even when tests fail; this covers a run that is cancelled instead.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            Dispose();
        }
        catch (InvalidOperationException)
        {
            // The process is ending; the start script's watcher stops the chain if this could not.
        }
    }

    /// <summary>How an ops/devchain script ended: its exit code and everything it wrote.</summary>
    public sealed record ScriptResult(int ExitCode, string Stdout, string Stderr);

    private static string Tail(Task<string> output) =>
        output.IsCompletedSuccessfully ? output.Result[Math.Max(0, output.Result.Length - 2000)..] : "(unavailable)";
}
