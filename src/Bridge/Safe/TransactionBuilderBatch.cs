using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Safe;

/// <summary>
/// A batch file in the format the Safe web interface's Transaction Builder imports
/// (<c>{version, chainId, createdAt, meta, transactions[{to, value, data, contractMethod, contractInputsValues}]}</c>),
/// for teams that approve through the web interface instead of <c>rollout eth safe-sign</c>. Each
/// transaction carries its calldata and, for display, the method and its arguments as strings.
/// Only calls (operation 0) can be expressed: the Transaction Builder has no delegatecall.
/// </summary>
public sealed class TransactionBuilderBatch
{
    private readonly List<(Address To, BigInteger Value, byte[] Data, AbiFunction? Function, IReadOnlyList<object?> Arguments)> _transactions = [];

    /// <summary>Starts an empty batch for the Safe at <paramref name="safe"/>.</summary>
    public TransactionBuilderBatch(BigInteger chainId, Address safe, DateTimeOffset createdAt, string name, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ChainId = chainId;
        Safe = safe ?? throw new ArgumentNullException(nameof(safe));
        CreatedAt = createdAt;
        Name = name;
        Description = description ?? "";
    }

    /// <summary>The chain.</summary>
    public BigInteger ChainId { get; }

    /// <summary>The Safe the batch is meant for.</summary>
    public Address Safe { get; }

    /// <summary>When the batch was made (written as Unix milliseconds).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The batch's name shown in the web interface.</summary>
    public string Name { get; }

    /// <summary>The batch's description.</summary>
    public string Description { get; }

    /// <summary>The calls in order.</summary>
    public int Count => _transactions.Count;

    /// <summary>Adds a call of <paramref name="function"/> with <paramref name="arguments"/> (elementary types only).</summary>
    public TransactionBuilderBatch Add(Address to, AbiFunction function, IReadOnlyList<object?> arguments, BigInteger? value = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var (parameter, i) in function.Inputs.Select((p, i) => (p, i)))
        {
            if (parameter.Type.Kind is AbiTypeKind.Array or AbiTypeKind.Tuple) throw new ArgumentException($"{function.Signature} input {i}: the batch writer takes elementary types only", nameof(function));
            if (parameter.Name.Length == 0) throw new ArgumentException($"{function.Signature} input {i} has no name; the Transaction Builder keys values by name", nameof(function));
        }
        _transactions.Add((to, value ?? BigInteger.Zero, function.EncodeCall(arguments), function, arguments));
        return this;
    }

    /// <summary>Adds the call of a proposal made by <see cref="SafeTxProposal.Call"/>, checking its data is <paramref name="function"/>(<paramref name="arguments"/>).</summary>
    public TransactionBuilderBatch Add(SafeTxProposal proposal, AbiFunction function, IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(function);
        if (proposal.Safe != Safe || proposal.ChainId != ChainId) throw new ArgumentException($"the proposal is for {proposal.Safe} on chain {proposal.ChainId}, the batch for {Safe} on {ChainId}", nameof(proposal));
        if (proposal.Tx.Operation != 0) throw new ArgumentException("the Transaction Builder cannot express a delegatecall", nameof(proposal));
        if (!proposal.Tx.Data.AsSpan().SequenceEqual(function.EncodeCall(arguments))) throw new ArgumentException($"the proposal's data is not {function.Signature} with these arguments", nameof(proposal));
        return Add(proposal.Tx.To, function, arguments, proposal.Tx.Value);
    }

    /// <summary>The batch file's JSON.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteString("chainId", ChainId.ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("createdAt", CreatedAt.ToUnixTimeMilliseconds());
            w.WriteStartObject("meta");
            w.WriteString("name", Name);
            w.WriteString("description", Description);
            w.WriteString("txBuilderVersion", "1.18.0");
            w.WriteString("createdFromSafeAddress", Safe.ToString());
            w.WriteString("createdFromOwnerAddress", "");
            w.WriteEndObject();
            w.WriteStartArray("transactions");
            foreach (var (to, value, data, function, arguments) in _transactions)
            {
                w.WriteStartObject();
                w.WriteString("to", to.ToString());
                w.WriteString("value", value.ToString(CultureInfo.InvariantCulture));
                w.WriteString("data", Hex.Encode(data));
                if (function is not null)
                {
                    w.WriteStartObject("contractMethod");
                    w.WriteStartArray("inputs");
                    foreach (var p in function.Inputs)
                    {
                        w.WriteStartObject();
                        w.WriteString("internalType", p.Type.Canonical);
                        w.WriteString("name", p.Name);
                        w.WriteString("type", p.Type.Canonical);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteString("name", function.Name);
                    w.WriteBoolean("payable", value != 0);
                    w.WriteEndObject();
                    w.WriteStartObject("contractInputsValues");
                    for (var i = 0; i < function.Inputs.Count; i++) w.WriteString(function.Inputs[i].Name, Text(arguments[i]));
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    // The Transaction Builder keeps every value as a string: addresses checksummed, integers in decimal, bytes in hex.
    private static string Text(object? value) => value switch
    {
        Address a => a.ToString(),
        string s when s.StartsWith("0x", StringComparison.Ordinal) && s.Length == 42 => Address.Parse(s).ToString(),
        bool b => b ? "true" : "false",
        byte[] bytes => Hex.Encode(bytes),
        string s => s,
        _ => AbiFormat.Value(value),
    };
}
