namespace Rollout.Token.Snapshots;

/// <summary>The "0x" + hex form of a ceremony voucher key.</summary>
internal static class VoucherKeyText
{
    /// <summary>The longest key accepted in bytes; the reference's keys are Ed448 public keys (57 bytes).</summary>
    public const int MaxKeyBytes = 256;

    /// <summary>Decodes "0x" + an even number of hex digits into the key bytes and their lower-case hex.</summary>
    public static bool TryParse(string text, out byte[] key, out string hex, out string error)
    {
        key = [];
        hex = "";
        if (!text.StartsWith("0x", StringComparison.Ordinal))
        {
            error = $"{SnapshotText.Quote(text)} is not a voucher key: it must start with 0x";
            return false;
        }
        var digits = text.AsSpan(2);
        if (digits.Length == 0 || digits.Length % 2 != 0 || digits.Length > MaxKeyBytes * 2)
        {
            error = $"{SnapshotText.Quote(text)} is not a voucher key: it needs an even number (2 to {MaxKeyBytes * 2}) of hex digits, not {digits.Length}";
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                error = $"{SnapshotText.Quote(text)} is not a voucher key: {SnapshotText.Quote(c.ToString())} is not a hex digit";
                return false;
            }
        }
        key = Convert.FromHexString(digits);
        hex = Convert.ToHexStringLower(key);
        error = "";
        return true;
    }
}
