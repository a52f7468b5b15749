namespace Rollout.Token.Addressing.Poseidon;

/// <summary>
/// The 80-bit Grain LFSR that the Poseidon paper's reference script (generate_parameters_grain) uses to
/// draw round constants and MDS matrices, seeded with the instance's parameters. circomlib, and from it
/// iden3, drew their BN254 constants this way, so replaying it reproduces them without shipping any data.
/// </summary>
internal sealed class GrainLfsr
{
    private const int StateBits = 80;
    private readonly byte[] _bits = new byte[StateBits];
    private int _head;

    /// <summary>Seeds the register for a prime field with the x^5 S-box: field bits, S-box, field size, width, full and partial rounds, then thirty ones.</summary>
    public GrainLfsr(int fieldBits, int width, int fullRounds, int partialRounds)
    {
        var position = 0;
        void Append(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--) _bits[position++] = (byte)((value >> i) & 1);
        }
        Append(1, 2);            // field: prime
        Append(0, 4);            // S-box: x^alpha
        Append(fieldBits, 12);
        Append(width, 12);
        Append(fullRounds, 10);
        Append(partialRounds, 10);
        Append((1 << 30) - 1, 30);
        // The first 160 outputs are discarded to mix the seed in.
        for (var i = 0; i < 160; i++) Step();
    }

    /// <summary>Draws <paramref name="count"/> (at most 256) bits, the first drawn being the most significant, as four little-endian limbs.</summary>
    public (ulong L0, ulong L1, ulong L2, ulong L3) NextBits(int count)
    {
        Span<ulong> limbs = stackalloc ulong[4];
        for (var i = count - 1; i >= 0; i--)
        {
            if (NextBit() != 0) limbs[i / 64] |= 1UL << (i % 64);
        }
        return (limbs[0], limbs[1], limbs[2], limbs[3]);
    }

    // Self-shrinking: output bits come in pairs; a pair starting with 1 yields its second bit, one starting with 0 yields nothing.
    private byte NextBit()
    {
        while (Step() == 0) Step();
        return Step();
    }

    private byte Step()
    {
        var b = _bits;
        var h = _head;
        var bit = (byte)(b[(h + 62) % StateBits] ^ b[(h + 51) % StateBits] ^ b[(h + 38) % StateBits]
            ^ b[(h + 23) % StateBits] ^ b[(h + 13) % StateBits] ^ b[h]);
        // The oldest bit leaves at the head and the new bit takes its slot, now the newest.
        b[h] = bit;
        _head = (h + 1) % StateBits;
        return bit;
    }
}
