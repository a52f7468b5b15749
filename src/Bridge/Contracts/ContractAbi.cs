using System.Text;
using System.Text.Json;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Contracts;

/// <summary>
/// A contract's ABI read from its artifact's JSON: functions by name, events by topic, custom errors,
/// and the constructor's inputs. Overloaded names are refused when looked up by name only, so a call
/// never silently picks the wrong overload.
/// </summary>
public sealed class ContractAbi
{
    private readonly Dictionary<string, List<AbiFunction>> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AbiEvent> _eventsByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AbiEvent> _eventsByName = new(StringComparer.Ordinal);
    private readonly List<AbiError> _errors = [];

    private ContractAbi(string source) => Source = source;

    /// <summary>Where the ABI came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The constructor's inputs (empty when the contract declares none).</summary>
    public IReadOnlyList<AbiParameter> ConstructorInputs { get; private set; } = [];

    /// <summary>The custom errors the contract declares.</summary>
    public IReadOnlyList<AbiError> Errors => _errors;

    /// <summary>Every event the contract declares.</summary>
    public IEnumerable<AbiEvent> Events => _eventsByName.Values;

    /// <summary>The ABI of an artifact.</summary>
    public static ContractAbi Of(ContractArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return Parse(artifact.AbiJson, artifact.ContractName + ".abi");
    }

    /// <summary>Parses an ABI JSON array; <paramref name="source"/> names it in errors.</summary>
    public static ContractAbi Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{source}: not a JSON array");
        var abi = new ContractAbi(source);
        var index = 0;
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var path = $"{source}[{index++}]";
            var kind = entry.TryGetProperty("type", out var t) ? t.GetString() : "function";
            var name = entry.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var inputs = Parameters(entry, "inputs", path);
            switch (kind)
            {
                case "function":
                    var function = new AbiFunction(name, inputs, Parameters(entry, "outputs", path));
                    if (!abi._functions.TryGetValue(name, out var list)) abi._functions[name] = list = [];
                    list.Add(function);
                    break;
                case "event":
                    var anonymous = entry.TryGetProperty("anonymous", out var a) && a.ValueKind == JsonValueKind.True;
                    var abiEvent = new AbiEvent(name, inputs, anonymous);
                    abi._eventsByTopic[Hex.Encode(abiEvent.Topic)] = abiEvent;
                    abi._eventsByName[name] = abiEvent;
                    break;
                case "error":
                    abi._errors.Add(new AbiError(name, inputs));
                    break;
                case "constructor":
                    abi.ConstructorInputs = inputs;
                    break;
            }
        }
        return abi;
    }

    /// <summary>The function called <paramref name="name"/>; throws when there is none or it is overloaded.</summary>
    public AbiFunction Function(string name)
    {
        if (!_functions.TryGetValue(name, out var list)) throw new InvalidOperationException($"{Source}: no function {name}");
        if (list.Count > 1) throw new InvalidOperationException($"{Source}: {name} is overloaded ({string.Join(", ", list.Select(f => f.Signature))})");
        return list[0];
    }

    /// <summary>The function whose selector starts <paramref name="calldata"/>, or null when none does.</summary>
    public AbiFunction? FunctionForCall(ReadOnlySpan<byte> calldata)
    {
        if (calldata.Length < 4) return null;
        foreach (var list in _functions.Values)
        {
            foreach (var function in list)
            {
                if (calldata[..4].SequenceEqual(function.Selector)) return function;
            }
        }
        return null;
    }

    /// <summary>The event called <paramref name="name"/>.</summary>
    public AbiEvent Event(string name) =>
        _eventsByName.TryGetValue(name, out var e) ? e : throw new InvalidOperationException($"{Source}: no event {name}");

    /// <summary>The ABI-encoded constructor arguments, to append to the creation code.</summary>
    public byte[] EncodeConstructor(params IReadOnlyList<object?> arguments) =>
        AbiEncoder.Encode(ConstructorInputs.Select(p => p.Type).ToArray(), arguments);

    /// <summary>Decodes the logs this ABI declares; logs of other events or from other emitters are skipped.</summary>
    public IReadOnlyList<DecodedEvent> DecodeLogs(IEnumerable<LogEntry> logs, Address? emitter = null)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var decoded = new List<DecodedEvent>();
        foreach (var log in logs)
        {
            if (emitter is not null && log.Address != emitter) continue;
            if (log.Topics.Count == 0 || !_eventsByTopic.TryGetValue(Hex.Encode(log.Topics[0]), out var abiEvent)) continue;
            decoded.Add(new DecodedEvent(abiEvent, abiEvent.DecodeLog(log.Topics, log.Data), log));
        }
        return decoded;
    }

    /// <summary>Decodes revert data with this contract's custom errors.</summary>
    public RevertReason DecodeRevert(ReadOnlySpan<byte> data) => RevertReason.Decode(data, _errors);

    private static AbiParameter[] Parameters(JsonElement entry, string member, string path)
    {
        if (!entry.TryGetProperty(member, out var list) || list.ValueKind != JsonValueKind.Array) return [];
        return list.EnumerateArray().Select((p, i) => new AbiParameter(
            p.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "",
            AbiType.Parse(TypeText(p, $"{path}.{member}[{i}]")),
            p.TryGetProperty("indexed", out var x) && x.ValueKind == JsonValueKind.True)).ToArray();
    }

    // The JSON ABI writes tuples as "tuple" / "tuple[]" with their members in "components".
    private static string TypeText(JsonElement parameter, string path)
    {
        var type = parameter.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (string.IsNullOrEmpty(type)) throw new InvalidDataException($"{path}.type: missing");
        if (!type.StartsWith("tuple", StringComparison.Ordinal)) return type;
        if (!parameter.TryGetProperty("components", out var components)) throw new InvalidDataException($"{path}.components: missing for {type}");
        var inner = new StringBuilder("(");
        var i = 0;
        foreach (var component in components.EnumerateArray())
        {
            if (i > 0) inner.Append(',');
            inner.Append(TypeText(component, $"{path}.components[{i++}]"));
        }
        return inner.Append(')').Append(type["tuple".Length..]).ToString();
    }
}
