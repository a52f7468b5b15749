using System.Collections;
using System.Numerics;

namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>Turns the .NET values callers pass into the forms the encoders need, naming the path when a value is the wrong kind.</summary>
internal static class AbiValues
{
    public static Address ToAddress(object? value, string path) => value switch
    {
        Address address => address,
        string text => Address.Parse(text, path),
        _ => throw Wrong(path, "address", value),
    };

    public static BigInteger ToInteger(object? value, string path) => value switch
    {
        BigInteger big => big,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        UInt128 u128 => u128,
        Int128 i128 => i128,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        _ => throw Wrong(path, "integer", value),
    };

    public static byte[] ToBytes(object? value, string path) => value switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        Memory<byte> memory => memory.ToArray(),
        string text when text.StartsWith("0x", StringComparison.Ordinal) => Hex.Decode(text, path),
        _ => throw Wrong(path, "bytes", value),
    };

    public static IReadOnlyList<object?> ToList(object? value, string path) => value switch
    {
        IReadOnlyList<object?> list => list,
        string or byte[] or null => throw Wrong(path, "array or tuple", value),
        IEnumerable items => items.Cast<object?>().ToArray(),
        System.Runtime.CompilerServices.ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToArray(),
        _ => throw Wrong(path, "array or tuple", value),
    };

    public static InvalidDataException Wrong(string path, string expected, object? value) =>
        new($"{path}: expected {expected}, got {(value is null ? "null" : value.GetType().Name)}");
}
