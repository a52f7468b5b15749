namespace Rollout.Mesh.Identity;

/// <summary>Base58 with the Bitcoin alphabet, as libp2p writes peer IDs.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static readonly sbyte[] Digits = BuildDigits();

    /// <summary>Encodes bytes; each leading zero byte becomes a leading '1'.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0) zeros++;
        // log(256)/log(58) < 1.37: the digit buffer never needs more than this.
        var digits = new byte[((data.Length - zeros) * 138 / 100) + 1];
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            for (var j = 0; j < length; j++)
            {
                carry += digits[j] << 8;
                digits[j] = (byte)(carry % 58);
                carry /= 58;
            }
            while (carry > 0)
            {
                digits[length++] = (byte)(carry % 58);
                carry /= 58;
            }
        }
        var text = new char[zeros + length];
        text.AsSpan(0, zeros).Fill('1');
        for (var i = 0; i < length; i++) text[zeros + i] = Alphabet[digits[length - 1 - i]];
        return new string(text);
    }

    /// <summary>Decodes text, or returns false with the position and character that is not Base58.</summary>
    public static bool TryDecode(string text, out byte[] bytes, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = [];
        if (text.Length == 0)
        {
            error = "empty Base58 text";
            return false;
        }
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1') zeros++;
        // log(58)/log(256) < 0.74.
        var buffer = new byte[((text.Length - zeros) * 733 / 1000) + 1];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            var digit = c < 128 ? Digits[c] : -1;
            if (digit < 0)
            {
                error = $"character '{c}' at position {i} is not in the Base58 alphabet";
                return false;
            }
            int carry = digit;
            for (var j = 0; j < length; j++)
            {
                carry += buffer[j] * 58;
                buffer[j] = (byte)carry;
                carry >>= 8;
            }
            while (carry > 0)
            {
                buffer[length++] = (byte)carry;
                carry >>= 8;
            }
        }
        bytes = new byte[zeros + length];
        for (var i = 0; i < length; i++) bytes[zeros + i] = buffer[length - 1 - i];
        error = "";
        return true;
    }

    private static sbyte[] BuildDigits()
    {
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) digits[Alphabet[i]] = (sbyte)i;
        return digits;
    }
}
