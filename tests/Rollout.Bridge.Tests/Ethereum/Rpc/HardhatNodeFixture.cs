using System.Diagnostics;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum.Rpc;

/// <summary>
/// A real <c>hardhat node</c> (from ops/devchain) on 127.0.0.1 and a free port, for the tests of one
/// class. Its config lives in a temp folder passed with <c>--config</c>, so the devchain's own config
/// (written by the contracts' side) is neither needed nor touched. The process is always killed.
/// </summary>
public sealed class HardhatNodeFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <summary>Hardhat's well-known first account key (funded with 10000 ETH on every hardhat node).</summary>
    public const string Account0Key = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public EthClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FakeRpcNode.FreePort();
        // Hardhat looks for the config's own folder as the project root, so the config sits in ops/devchain
        // under a unique name; everything it would write goes to the temp folder.
        var config = Path.Combine(RepoPaths.Devchain, $".rollout-eth-test-{Guid.NewGuid():N}.cjs");
        var paths = _directory.Path.Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, $$"""
            module.exports = {
              solidity: "0.8.28",
              networks: { hardhat: { chainId: 31337 } },
              paths: { sources: "{{paths}}/contracts", cache: "{{paths}}/cache", artifacts: "{{paths}}/artifacts", tests: "{{paths}}/test" },
            };
            """);
        try
        {
            var start = new ProcessStartInfo(Path.Combine(RepoPaths.Devchain, "node_modules", ".bin", "hardhat"),
                ["--config", config, "node", "--hostname", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                WorkingDirectory = RepoPaths.Devchain,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["HARDHAT_DISABLE_TELEMETRY_PROMPT"] = "true";
            _process = Process.Start(start) ?? throw new InvalidOperationException("hardhat node did not start");
            // Kept only to explain a failed start; the last lines are what matter.
            _process.OutputDataReceived += (_, e) => Remember(e.Data);
            _process.ErrorDataReceived += (_, e) => Remember(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();

            Endpoint = new Uri($"http://127.0.0.1:{port}/");
            Client = new EthClient(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(Endpoint, TimeSpan.FromSeconds(30), 0)));
            // Startup takes seconds on a busy machine: poll until it answers or the process dies.
            var waiting = new EthClient(new JsonRpcClient(new HttpClient(), new JsonRpcOptions(Endpoint, TimeSpan.FromSeconds(5), 0)));
            for (var attempt = 0; ; attempt++)
            {
                if (_process.HasExited) throw new InvalidOperationException($"hardhat node exited with {_process.ExitCode} before answering:\n{string.Join("\n", _output)}");
                try
                {
                    await waiting.ChainIdAsync();
                    return;
                }
                catch (EthereumUnreachableException) when (attempt < 600)
                {
                    await Task.Delay(200);
                }
            }
        }
        finally
        {
            // Hardhat has read its config once it answers (or failed); the file is not needed afterwards.
            File.Delete(config);
        }
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 40) _output.TryDequeue(out _);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
