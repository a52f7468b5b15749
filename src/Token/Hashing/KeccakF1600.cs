using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Rollout.Token.Hashing;

/// <summary>
/// The Keccak-f[1600] permutation on 25 little-endian 64-bit lanes, unrolled into locals so the JIT keeps
/// the state in registers; no allocation. The Merkle tree runs it millions of times, which is why it is
/// ours rather than BouncyCastle's (which allocates a digest object and copies arrays per hash).
/// </summary>
internal static class KeccakF1600
{
    /// <summary>The number of 64-bit lanes in the state.</summary>
    public const int Lanes = 25;

    /// <summary>The iota step's round constants, one per round (shared with <see cref="KeccakF1600x8"/>).</summary>
    internal static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    /// <summary>Applies the 24 rounds to <paramref name="state"/> (25 lanes) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Permute(Span<ulong> state)
    {
        if (state.Length < Lanes) throw new ArgumentException("Keccak-f[1600] needs 25 lanes.", nameof(state));
        var a0 = state[0];
        var a1 = state[1];
        var a2 = state[2];
        var a3 = state[3];
        var a4 = state[4];
        var a5 = state[5];
        var a6 = state[6];
        var a7 = state[7];
        var a8 = state[8];
        var a9 = state[9];
        var a10 = state[10];
        var a11 = state[11];
        var a12 = state[12];
        var a13 = state[13];
        var a14 = state[14];
        var a15 = state[15];
        var a16 = state[16];
        var a17 = state[17];
        var a18 = state[18];
        var a19 = state[19];
        var a20 = state[20];
        var a21 = state[21];
        var a22 = state[22];
        var a23 = state[23];
        var a24 = state[24];

        for (var round = 0; round < 24; round++)
        {
            var c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
            var c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
            var c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
            var c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
            var c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
            var d0 = c4 ^ ulong.RotateLeft(c1, 1);
            var d1 = c0 ^ ulong.RotateLeft(c2, 1);
            var d2 = c1 ^ ulong.RotateLeft(c3, 1);
            var d3 = c2 ^ ulong.RotateLeft(c4, 1);
            var d4 = c3 ^ ulong.RotateLeft(c0, 1);
            var b0 = a0 ^ d0;
            var b1 = ulong.RotateLeft(a6 ^ d1, 44);
            var b2 = ulong.RotateLeft(a12 ^ d2, 43);
            var b3 = ulong.RotateLeft(a18 ^ d3, 21);
            var b4 = ulong.RotateLeft(a24 ^ d4, 14);
            var b5 = ulong.RotateLeft(a3 ^ d3, 28);
            var b6 = ulong.RotateLeft(a9 ^ d4, 20);
            var b7 = ulong.RotateLeft(a10 ^ d0, 3);
            var b8 = ulong.RotateLeft(a16 ^ d1, 45);
            var b9 = ulong.RotateLeft(a22 ^ d2, 61);
            var b10 = ulong.RotateLeft(a1 ^ d1, 1);
            var b11 = ulong.RotateLeft(a7 ^ d2, 6);
            var b12 = ulong.RotateLeft(a13 ^ d3, 25);
            var b13 = ulong.RotateLeft(a19 ^ d4, 8);
            var b14 = ulong.RotateLeft(a20 ^ d0, 18);
            var b15 = ulong.RotateLeft(a4 ^ d4, 27);
            var b16 = ulong.RotateLeft(a5 ^ d0, 36);
            var b17 = ulong.RotateLeft(a11 ^ d1, 10);
            var b18 = ulong.RotateLeft(a17 ^ d2, 15);
            var b19 = ulong.RotateLeft(a23 ^ d3, 56);
            var b20 = ulong.RotateLeft(a2 ^ d2, 62);
            var b21 = ulong.RotateLeft(a8 ^ d3, 55);
            var b22 = ulong.RotateLeft(a14 ^ d4, 39);
            var b23 = ulong.RotateLeft(a15 ^ d0, 41);
            var b24 = ulong.RotateLeft(a21 ^ d1, 2);
            a0 = b0 ^ (~b1 & b2);
            a1 = b1 ^ (~b2 & b3);
            a2 = b2 ^ (~b3 & b4);
            a3 = b3 ^ (~b4 & b0);
            a4 = b4 ^ (~b0 & b1);
            a5 = b5 ^ (~b6 & b7);
            a6 = b6 ^ (~b7 & b8);
            a7 = b7 ^ (~b8 & b9);
            a8 = b8 ^ (~b9 & b5);
            a9 = b9 ^ (~b5 & b6);
            a10 = b10 ^ (~b11 & b12);
            a11 = b11 ^ (~b12 & b13);
            a12 = b12 ^ (~b13 & b14);
            a13 = b13 ^ (~b14 & b10);
            a14 = b14 ^ (~b10 & b11);
            a15 = b15 ^ (~b16 & b17);
            a16 = b16 ^ (~b17 & b18);
            a17 = b17 ^ (~b18 & b19);
            a18 = b18 ^ (~b19 & b15);
            a19 = b19 ^ (~b15 & b16);
            a20 = b20 ^ (~b21 & b22);
            a21 = b21 ^ (~b22 & b23);
            a22 = b22 ^ (~b23 & b24);
            a23 = b23 ^ (~b24 & b20);
            a24 = b24 ^ (~b20 & b21);
            a0 ^= RoundConstants[round];
        }

        state[0] = a0;
        state[1] = a1;
        state[2] = a2;
        state[3] = a3;
        state[4] = a4;
        state[5] = a5;
        state[6] = a6;
        state[7] = a7;
        state[8] = a8;
        state[9] = a9;
        state[10] = a10;
        state[11] = a11;
        state[12] = a12;
        state[13] = a13;
        state[14] = a14;
        state[15] = a15;
        state[16] = a16;
        state[17] = a17;
        state[18] = a18;
        state[19] = a19;
        state[20] = a20;
        state[21] = a21;
        state[22] = a22;
        state[23] = a23;
        state[24] = a24;
    }

    /// <summary>XORs <paramref name="block"/> (a multiple of 8 bytes, at most 200) into the state as little-endian lanes.</summary>
    public static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < block.Length / 8; i++) state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
    }
}
