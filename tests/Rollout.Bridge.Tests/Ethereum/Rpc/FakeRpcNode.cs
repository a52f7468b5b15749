using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Rollout.Bridge.Tests.Ethereum.Rpc;

/// <summary>
/// A tiny JSON-RPC endpoint on loopback (HttpListener on a free port). The handler sees each HTTP
/// request's parsed body and returns the status and body to answer with, or null to abort the
/// response (the client sees the connection end without an answer: a transport failure).
/// </summary>
internal sealed class FakeRpcNode : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<JsonElement, int, Task<(int Status, string Body)?>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public FakeRpcNode(Func<JsonElement, int, Task<(int Status, string Body)?>> handler)
    {
        _handler = handler;
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public int Requests => Volatile.Read(ref _requests);

    public List<JsonElement> Bodies { get; } = [];

    /// <summary>A node answering single calls from a method → result-JSON table.</summary>
    public static FakeRpcNode Answering(Func<string, JsonElement, string> resultJson) => new((body, _) =>
    {
        var id = body.GetProperty("id").GetRawText();
        var result = resultJson(body.GetProperty("method").GetString()!, body.GetProperty("params"));
        return Task.FromResult<(int, string)?>((200, $$"""{"jsonrpc":"2.0","id":{{id}},"result":{{result}}}"""));
    });

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var attempt = Interlocked.Increment(ref _requests);
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
            lock (Bodies) Bodies.Add(body);
            var answer = await _handler(body, attempt);
            if (answer is null)
            {
                context.Response.Abort();
                return;
            }
            var bytes = Encoding.UTF8.GetBytes(answer.Value.Body);
            context.Response.StatusCode = answer.Value.Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Shutting down: the client side has its answer or its timeout already.
        }
        catch (HttpListenerException)
        {
            // The client went away (it timed out); nothing to answer.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener; its exception carries nothing the test needs.
        }
        _stop.Dispose();
    }
}
