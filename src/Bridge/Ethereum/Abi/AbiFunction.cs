using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>A contract function: its signature, 4-byte selector, call encoding and result decoding.</summary>
public sealed class AbiFunction
{
    /// <summary>Creates a function from its name, inputs and outputs.</summary>
    public AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter>? outputs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        Name = name;
        Inputs = inputs;
        Outputs = outputs ?? [];
        Signature = $"{name}({string.Join(",", inputs.Select(p => p.Type.Canonical))})";
        Selector = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature))[..4];
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The input parameters.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>The output parameters.</summary>
    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>The canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>The first four bytes of Keccak-256 of the signature.</summary>
    public byte[] Selector { get; }

    /// <summary>
    /// Parses <c>transfer(address to, uint256 amount)</c>, optionally followed by
    /// <c>returns (bool)</c>; the leading word <c>function</c> is allowed.
    /// </summary>
    public static AbiFunction Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var returns = signature.IndexOf(" returns", StringComparison.Ordinal);
        var (name, inputs) = AbiTypeParser.ParseSignature(returns < 0 ? signature : signature[..returns]);
        IReadOnlyList<AbiParameter> outputs = [];
        if (returns >= 0)
        {
            outputs = AbiTypeParser.ParseSignature("returns" + signature[(returns + " returns".Length)..].TrimStart()).Parameters;
        }
        return new AbiFunction(name, inputs, outputs);
    }

    /// <summary>The calldata: selector followed by the encoded arguments.</summary>
    public byte[] EncodeCall(params IReadOnlyList<object?> arguments) =>
        [.. Selector, .. AbiEncoder.Encode(Inputs.Select(p => p.Type).ToArray(), arguments)];

    /// <summary>Decodes calldata back to arguments after checking the selector.</summary>
    public object?[] DecodeCall(ReadOnlySpan<byte> calldata)
    {
        if (calldata.Length < 4 || !calldata[..4].SequenceEqual(Selector))
        {
            throw new InvalidDataException($"calldata: does not start with the selector of {Signature} ({Hex.Encode(Selector)})");
        }
        return AbiDecoder.Decode(Inputs.Select(p => p.Type).ToArray(), calldata[4..]);
    }

    /// <summary>Decodes the return data of a call.</summary>
    public object?[] DecodeOutput(ReadOnlySpan<byte> returnData) => AbiDecoder.Decode(Outputs.Select(p => p.Type).ToArray(), returnData);
}
