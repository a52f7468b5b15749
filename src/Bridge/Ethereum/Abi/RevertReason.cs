using System.Numerics;

namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>
/// What a revert's data says: <c>Error(string)</c>, <c>Panic(uint256)</c>, one of the given custom
/// errors, nothing (empty data), or unknown data (kept raw).
/// </summary>
/// <param name="Error">The matched error; null for empty or unrecognised data.</param>
/// <param name="Arguments">The decoded arguments of <paramref name="Error"/>.</param>
/// <param name="Data">The raw revert data.</param>
public sealed record RevertReason(AbiError? Error, IReadOnlyList<object?> Arguments, byte[] Data)
{
    /// <summary>The message of an <c>Error(string)</c> revert, else null.</summary>
    public string? Message => Error == AbiError.ErrorString ? (string?)Arguments[0] : null;

    /// <summary>The code of a <c>Panic(uint256)</c> revert (e.g. 0x11 overflow), else null.</summary>
    public BigInteger? PanicCode => Error == AbiError.Panic ? (BigInteger?)Arguments[0] : null;

    /// <summary>
    /// Decodes revert data. Data that carries a known selector but does not decode as its arguments
    /// is reported as unknown rather than thrown, because a revert is already an error being explained.
    /// </summary>
    public static RevertReason Decode(ReadOnlySpan<byte> data, IEnumerable<AbiError>? customErrors = null)
    {
        var raw = data.ToArray();
        if (raw.Length < 4) return new RevertReason(null, [], raw);
        foreach (var error in new[] { AbiError.ErrorString, AbiError.Panic }.Concat(customErrors ?? []))
        {
            if (!raw.AsSpan(0, 4).SequenceEqual(error.Selector)) continue;
            try
            {
                return new RevertReason(error, AbiDecoder.Decode(error.Parameters.Select(p => p.Type).ToArray(), raw.AsSpan(4)), raw);
            }
            catch (InvalidDataException)
            {
                return new RevertReason(null, [], raw);
            }
        }
        return new RevertReason(null, [], raw);
    }

    /// <summary>A one-line description for operators, e.g. <c>reverted: Error("paused")</c> or <c>reverted: Panic(0x11)</c>.</summary>
    public override string ToString() => Error switch
    {
        null when Data.Length == 0 => "reverted without data",
        null => $"reverted with unknown data {Hex.Encode(Data)}",
        _ when Error == AbiError.ErrorString => $"reverted: Error(\"{Message}\")",
        _ when Error == AbiError.Panic => $"reverted: Panic(0x{PanicCode!.Value:x2})",
        _ => $"reverted: {Error.Name}({string.Join(", ", Arguments.Select(AbiFormat.Value))})",
    };
}
