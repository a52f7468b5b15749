using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP POST, single calls and batches. Each attempt has its own timeout; transport
/// failures (connection refused or reset, timeouts, empty answers, HTTP 429 and 5xx) are retried with exponential
/// backoff, JSON-RPC errors never are, because the node did answer. When every attempt fails the
/// call throws <see cref="EthereumUnreachableException"/>.
/// </summary>
public sealed class JsonRpcClient
{
    private readonly HttpClient _http;
    private readonly JsonRpcOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private long _nextId;

    /// <summary>Creates a client on a caller-owned <see cref="HttpClient"/>; <paramref name="timeProvider"/> drives timeouts and backoff.</summary>
    public JsonRpcClient(HttpClient http, JsonRpcOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        _http = http;
        _options = options;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>().Handle<TransientRpcFailure>(),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.EffectiveRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            });
        }
        _pipeline = builder.AddTimeout(options.EffectiveTimeout).Build();
    }

    /// <summary>The endpoint this client calls.</summary>
    public Uri Endpoint => _options.Endpoint;

    /// <summary>Calls one method; returns its <c>result</c>, or throws <see cref="JsonRpcException"/> / <see cref="EthereumUnreachableException"/>.</summary>
    public async Task<JsonElement> CallAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken = default)
    {
        var responses = await SendAsync([new JsonRpcRequest(method, parameters)], batch: false, cancellationToken);
        return responses[0].GetResult();
    }

    /// <summary>Sends several calls in one HTTP request; answers come back in request order, each with its own result or error.</summary>
    public async Task<IReadOnlyList<JsonRpcResponse>> BatchAsync(IReadOnlyList<JsonRpcRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) return [];
        return await SendAsync(requests, batch: true, cancellationToken);
    }

    private async Task<JsonRpcResponse[]> SendAsync(IReadOnlyList<JsonRpcRequest> requests, bool batch, CancellationToken cancellationToken)
    {
        var firstId = Interlocked.Add(ref _nextId, requests.Count) - requests.Count + 1;
        var body = Serialize(requests, firstId, batch);
        var label = batch ? $"batch of {requests.Count} ({requests[0].Method}, …)" : requests[0].Method;
        var attempts = 0;
        string text;
        try
        {
            text = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(_options.Endpoint, content, token);
                if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                {
                    throw new TransientRpcFailure($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }
                var answer = await response.Content.ReadAsStringAsync(token);
                // An empty body is a connection closed before the answer was written (a proxy or node restarting).
                if (string.IsNullOrWhiteSpace(answer)) throw new TransientRpcFailure($"HTTP {(int)response.StatusCode} with an empty body");
                if (!response.IsSuccessStatusCode && !LooksLikeJson(answer))
                {
                    throw new InvalidDataException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} without a JSON-RPC body");
                }
                return answer;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TransientRpcFailure or InvalidDataException)
        {
            throw new EthereumUnreachableException(_options.Endpoint, label, attempts, ex);
        }
        return Parse(text, requests, firstId, batch, label, attempts);
    }

    private static byte[] Serialize(IReadOnlyList<JsonRpcRequest> requests, long firstId, bool batch)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (batch) writer.WriteStartArray();
            for (var i = 0; i < requests.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", "2.0");
                writer.WriteNumber("id", firstId + i);
                writer.WriteString("method", requests[i].Method);
                writer.WritePropertyName("params");
                JsonSerializer.Serialize(writer, requests[i].Parameters);
                writer.WriteEndObject();
            }
            if (batch) writer.WriteEndArray();
        }
        return stream.ToArray();
    }

    private JsonRpcResponse[] Parse(string text, IReadOnlyList<JsonRpcRequest> requests, long firstId, bool batch, string label, int attempts)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException ex)
        {
            throw new EthereumUnreachableException(_options.Endpoint, label, attempts, new InvalidDataException("the answer is not JSON", ex));
        }
        // A node that rejects a whole batch answers with one error object instead of an array.
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
        var responses = new JsonRpcResponse?[requests.Count];
        foreach (var item in items)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new EthereumUnreachableException(_options.Endpoint, label, attempts, new InvalidDataException("an answer is not a JSON object"));
            }
            // TryGetInt64: an id such as 1.5 is the node misbehaving, not a FormatException the CLI would call bad input.
            if (!(item.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var id))
                || id < firstId || id >= firstId + requests.Count)
            {
                if (item.TryGetProperty("error", out var wholeError))
                {
                    throw ToException(requests[0].Method, wholeError);
                }
                throw new EthereumUnreachableException(_options.Endpoint, label, attempts, new InvalidDataException("an answer carries an id that was not asked for"));
            }
            var index = (int)(id - firstId);
            var request = requests[index];
            responses[index] = item.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null
                ? new JsonRpcResponse(request, default, ToException(request.Method, error))
                : item.TryGetProperty("result", out var result)
                    ? new JsonRpcResponse(request, result.Clone(), null)
                    : throw new EthereumUnreachableException(_options.Endpoint, label, attempts, new InvalidDataException("an answer has neither result nor error"));
        }
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i] is null)
            {
                throw new EthereumUnreachableException(_options.Endpoint, label, attempts, new InvalidDataException($"no answer for {requests[i].Method} (call {i} of {(batch ? "the batch" : "1")})"));
            }
        }
        return responses!;
    }

    private static JsonRpcException ToException(string method, JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n) ? n : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : error.GetRawText();
        JsonElement? data = error.TryGetProperty("data", out var d) ? d.Clone() : null;
        return new JsonRpcException(method, code, message, data);
    }

    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] is '{' or '[';
    }
}
