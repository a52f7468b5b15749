using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>
/// A contract event: its topic (Keccak-256 of the signature) and log decoding. Indexed parameters
/// come from topics; an indexed dynamic value (string, bytes, arrays, tuples) is only its 32-byte
/// Keccak hash, which is what decoding returns for it.
/// </summary>
public sealed class AbiEvent
{
    /// <summary>Creates an event from its name and parameters.</summary>
    public AbiEvent(string name, IReadOnlyList<AbiParameter> parameters, bool anonymous = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        Parameters = parameters;
        Anonymous = anonymous;
        Signature = $"{name}({string.Join(",", parameters.Select(p => p.Type.Canonical))})";
        Topic = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature));
    }

    /// <summary>The event's name.</summary>
    public string Name { get; }

    /// <summary>The parameters in declaration order.</summary>
    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>Whether the event omits its signature topic.</summary>
    public bool Anonymous { get; }

    /// <summary>The canonical signature, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>Topic 0 of a non-anonymous log: Keccak-256 of the signature.</summary>
    public byte[] Topic { get; }

    /// <summary>Parses <c>Transfer(address indexed from, address indexed to, uint256 value)</c>; a trailing <c>anonymous</c> marks an anonymous event.</summary>
    public static AbiEvent Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var (name, parameters) = AbiTypeParser.ParseSignature(signature);
        return new AbiEvent(name, parameters, signature.TrimEnd().EndsWith(" anonymous", StringComparison.Ordinal));
    }

    /// <summary>Whether a log's topic 0 is this event's topic.</summary>
    public bool Matches(IReadOnlyList<byte[]> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return !Anonymous && topics.Count > 0 && topics[0].AsSpan().SequenceEqual(Topic);
    }

    /// <summary>Decodes a log's topics and data into the parameters' values, in declaration order.</summary>
    public object?[] DecodeLog(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var indexed = Parameters.Where(p => p.Indexed).ToArray();
        var expectedTopics = indexed.Length + (Anonymous ? 0 : 1);
        if (topics.Count != expectedTopics) throw new InvalidDataException($"log of {Signature}: {topics.Count} topics, expected {expectedTopics}");
        if (!Anonymous && !Matches(topics)) throw new InvalidDataException($"log: topic 0 {Hex.Encode(topics[0])} is not {Signature}");
        var plain = AbiDecoder.Decode(Parameters.Where(p => !p.Indexed).Select(p => p.Type).ToArray(), data);
        var values = new object?[Parameters.Count];
        int topic = Anonymous ? 0 : 1, field = 0;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var parameter = Parameters[i];
            if (!parameter.Indexed)
            {
                values[i] = plain[field++];
                continue;
            }
            var word = topics[topic++];
            if (word.Length != 32) throw new InvalidDataException($"log of {Signature}: topic {topic - 1} is {word.Length} bytes, not 32");
            var isHashed = parameter.Type.IsDynamic || parameter.Type.Kind is AbiTypeKind.Array or AbiTypeKind.Tuple;
            values[i] = isHashed ? word : AbiDecoder.Decode(parameter.Type, word);
        }
        return values;
    }
}
