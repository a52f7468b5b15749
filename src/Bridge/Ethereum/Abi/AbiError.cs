using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>A Solidity custom error (<c>error Unauthorized(address caller)</c>): a selector and its arguments.</summary>
public sealed class AbiError
{
    /// <summary>Creates an error from its name and parameters.</summary>
    public AbiError(string name, IReadOnlyList<AbiParameter> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        Parameters = parameters;
        Signature = $"{name}({string.Join(",", parameters.Select(p => p.Type.Canonical))})";
        Selector = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature))[..4];
    }

    /// <summary>The error's name.</summary>
    public string Name { get; }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>The canonical signature.</summary>
    public string Signature { get; }

    /// <summary>The first four bytes of Keccak-256 of the signature.</summary>
    public byte[] Selector { get; }

    /// <summary>Solidity's <c>Error(string)</c>, raised by <c>require</c> and <c>revert("…")</c>.</summary>
    public static AbiError ErrorString { get; } = Parse("Error(string message)");

    /// <summary>Solidity's <c>Panic(uint256)</c>, raised by failed asserts, overflow, division by zero.</summary>
    public static AbiError Panic { get; } = Parse("Panic(uint256 code)");

    /// <summary>Parses <c>Unauthorized(address caller)</c>; the leading word <c>error</c> is allowed.</summary>
    public static AbiError Parse(string signature)
    {
        var (name, parameters) = AbiTypeParser.ParseSignature(signature);
        return new AbiError(name, parameters);
    }

    /// <summary>The revert data: selector followed by the encoded arguments.</summary>
    public byte[] Encode(params IReadOnlyList<object?> arguments) =>
        [.. Selector, .. AbiEncoder.Encode(Parameters.Select(p => p.Type).ToArray(), arguments)];
}
