using System.Numerics;

namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>Writes decoded ABI values as short text for messages and logs.</summary>
public static class AbiFormat
{
    /// <summary>Formats a decoded value: numbers in decimal, bytes in hex, lists in brackets.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        BigInteger n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        byte[] bytes => Hex.Encode(bytes),
        string s => "\"" + s + "\"",
        object?[] items => "[" + string.Join(", ", items.Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };
}
