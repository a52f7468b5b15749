using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Rpc;

namespace Rollout.Bridge.Contracts;

/// <summary>A log decoded with its contract's ABI: the event, its values in declaration order, and the raw log.</summary>
/// <param name="Event">The event declaration that matched topic 0.</param>
/// <param name="Values">The parameters' values (indexed dynamic values are their 32-byte hash).</param>
/// <param name="Log">The log as the node returned it.</param>
public sealed record DecodedEvent(AbiEvent Event, IReadOnlyList<object?> Values, LogEntry Log)
{
    /// <summary>The event's name.</summary>
    public string Name => Event.Name;

    /// <summary>The value of the parameter called <paramref name="parameter"/>, as <typeparamref name="T"/>.</summary>
    public T Get<T>(string parameter)
    {
        for (var i = 0; i < Event.Parameters.Count; i++)
        {
            if (Event.Parameters[i].Name != parameter) continue;
            return Values[i] is T value ? value : throw new InvalidCastException($"{Event.Signature}.{parameter} is {Values[i]?.GetType().Name ?? "null"}, not {typeof(T).Name}");
        }
        throw new KeyNotFoundException($"{Event.Signature} has no parameter {parameter}");
    }

    /// <summary>The event and its values on one line, for logs and reports.</summary>
    public override string ToString() =>
        $"{Name}({string.Join(", ", Event.Parameters.Select((p, i) => $"{p.Name}={AbiFormat.Value(Values[i])}"))})";
}
