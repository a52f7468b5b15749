using Rollout.Mesh.Identity;

namespace Rollout.Token.Snapshots;

/// <summary>
/// The fast path for peer IDs in a retro file: decodes the Base58 text straight from the file's UTF-8
/// bytes into a stack buffer, five digits per 32-bit limb step, and hands the multihash to
/// <see cref="PeerId.TryFromMultihash"/>. It only ever says "yes, this peer" or "not sure": on anything
/// unusual the reader falls back to <see cref="PeerId.TryParse"/>, so every error message stays that method's.
/// </summary>
internal static class PeerIdUtf8
{
    // Longer than any peer ID libp2p writes (identity multihash of 44 bytes ≈ 60 digits).
    private const int MaxDigits = 96;
    private static readonly sbyte[] Digits = BuildDigits();

    /// <summary>Parses <paramref name="utf8"/> when it is plain Base58 of a valid multihash; false means "use the exact slow path".</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out PeerId? peerId)
    {
        peerId = null;
        if (utf8.IsEmpty || utf8.Length > MaxDigits) return false;
        var zeros = 0;
        while (zeros < utf8.Length && utf8[zeros] == (byte)'1') zeros++;

        // Little-endian 32-bit limbs of the number the digits after the leading '1's spell.
        Span<uint> limbs = stackalloc uint[(MaxDigits / 5) + 2];
        var count = 0;
        var i = zeros;
        while (i < utf8.Length)
        {
            var take = Math.Min(5, utf8.Length - i);
            uint group = 0;
            uint scale = 1;
            for (var k = 0; k < take; k++)
            {
                var c = utf8[i + k];
                var digit = c < 128 ? Digits[c] : -1;
                if (digit < 0) return false;
                group = (group * 58) + (uint)digit;
                scale *= 58;
            }
            i += take;
            ulong carry = group;
            for (var j = 0; j < count; j++)
            {
                carry += (ulong)limbs[j] * scale;
                limbs[j] = (uint)carry;
                carry >>= 32;
            }
            if (carry != 0) limbs[count++] = (uint)carry;
        }

        // Big-endian bytes without leading zeros, after one zero byte per leading '1' (as Base58.TryDecode gives).
        var significant = count * 4;
        if (count > 0)
        {
            var top = limbs[count - 1];
            significant -= (int)(uint.LeadingZeroCount(top) / 8);
        }
        Span<byte> bytes = stackalloc byte[zeros + (count * 4)];
        bytes = bytes[..(zeros + significant)];
        bytes[..zeros].Clear();
        for (var b = 0; b < significant; b++)
        {
            var position = significant - 1 - b; // byte b of the number, counted from the least significant
            bytes[zeros + position] = (byte)(limbs[b / 4] >> (8 * (b % 4)));
        }
        return PeerId.TryFromMultihash(bytes, out peerId, out _);
    }

    private static sbyte[] BuildDigits()
    {
        const string alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        for (var d = 0; d < alphabet.Length; d++) digits[alphabet[d]] = (sbyte)d;
        return digits;
    }
}
