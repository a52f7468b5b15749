using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Rollout.TestSupport;
using Chain = Rollout.TestSupport.Devchain;

namespace Rollout.IntegrationTests.Devchain;

[Collection(DevchainCollection.Name)]
public sealed class DevchainTests(Chain chain)
{
    [Fact]
    public async Task Devchain_AnswersEthChainIdWith31337OnLoopback()
    {
        Assert.Equal("127.0.0.1", chain.Url.Host);
        Assert.Equal("0x7a69", await ChainIdAsync(chain.Url));
    }

    [Fact]
    public async Task Stop_EndsOnlyTheChainItWasAskedTo()
    {
        int pid;
        Uri url;
        using (var second = Chain.Start())
        {
            url = second.Url;
            Assert.NotEqual(chain.Port, second.Port);
            pid = int.Parse(File.ReadAllText(Path.Combine(RepoPaths.Devchain, ".run", second.Port.ToString(CultureInfo.InvariantCulture), "pid")), CultureInfo.InvariantCulture);
            Assert.Equal("0x7a69", await ChainIdAsync(url));
        }

        Assert.False(IsRunning(pid), $"pid {pid} still runs after stop");
        Assert.False(Directory.Exists(Path.Combine(RepoPaths.Devchain, ".run", url.Port.ToString(CultureInfo.InvariantCulture))));
        await Assert.ThrowsAsync<HttpRequestException>(() => ChainIdAsync(url));
        Assert.Equal("0x7a69", await ChainIdAsync(chain.Url));
    }

    [Fact]
    public void Start_OnAPortAlreadyTaken_ExitsThreeWithTheLogTailAndLeavesNothingBehind()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var result = Chain.RunScript("start", ["--port", port]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("EADDRINUSE", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(RepoPaths.Devchain, ".run", port)));
    }

    [Fact]
    public void Stop_ForAPortWithNoChain_ExitsOneAndTouchesNothing()
    {
        var result = Chain.RunScript("stop", ["--port", "1"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no devchain is recorded for port 1", result.Stderr, StringComparison.Ordinal);
    }

    private static bool IsRunning(int pid)
    {
        // A zombie keeps its pid until reaped but has no command line; only a live process counts.
        var cmdline = $"/proc/{pid}/cmdline";
        return File.Exists(cmdline) && File.ReadAllBytes(cmdline).Length > 0;
    }

    internal static async Task<string?> ChainIdAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var body = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, body);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("result").GetString();
    }
}
