using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rollout.Token.Hashing;

/// <summary>
/// Eight Keccak-f[1600] permutations at once, one per 64-bit lane of AVX-512 registers (state word j of
/// hash k in element k of vector j), for the Merkle tree's millions of independent 32- and 64-byte
/// hashes. The rounds are <see cref="KeccakF1600"/>'s, with <c>vprolq</c> for the rotations and one
/// <c>vpternlogq</c> per chi step. Callers check <see cref="IsSupported"/> and use the scalar hash otherwise.
/// </summary>
internal static class KeccakF1600x8
{
    /// <summary>Hashes per batch.</summary>
    public const int Width = 8;

    /// <summary>Whether this machine runs the eight-way permutation (AVX-512 F).</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// Keccak-256 of eight messages of <paramref name="length"/> bytes (32 or 64), message k at
    /// <c>input[k·length ..]</c>, digest k written to <c>output[k·32 ..]</c>; the same bytes as
    /// <see cref="Keccak256.HashShort"/> on each.
    /// </summary>
    public static void HashShort(ReadOnlySpan<byte> input, int length, Span<byte> output)
    {
        if (length is not (32 or 64)) throw new ArgumentException("HashShort takes 32 or 64 bytes.", nameof(length));
        if (input.Length < Width * length || output.Length < Width * 32) throw new ArgumentException("eight messages in, eight digests out");
        Span<Vector512<ulong>> state = stackalloc Vector512<ulong>[KeccakF1600.Lanes];
        state.Clear();
        var words = length / 8;
        Span<ulong> column = stackalloc ulong[Width];
        for (var j = 0; j < words; j++)
        {
            for (var k = 0; k < Width; k++) column[k] = BinaryPrimitives.ReadUInt64LittleEndian(input[((k * length) + (j * 8))..]);
            state[j] = Vector512.Create<ulong>(column);
        }
        // Padding: 0x01 right after the message, 0x80 at the end of the 136-byte rate (top of lane 16).
        state[words] = Vector512.Create(0x01UL);
        state[16] ^= Vector512.Create(0x8000000000000000UL);
        Permute(state);
        for (var j = 0; j < 4; j++)
        {
            state[j].CopyTo(column);
            for (var k = 0; k < Width; k++) BinaryPrimitives.WriteUInt64LittleEndian(output[((k * 32) + (j * 8))..], column[k]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Permute(Span<Vector512<ulong>> state)
    {
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
            var d0 = c4 ^ Avx512F.RotateLeft(c1, 1);
            var d1 = c0 ^ Avx512F.RotateLeft(c2, 1);
            var d2 = c1 ^ Avx512F.RotateLeft(c3, 1);
            var d3 = c2 ^ Avx512F.RotateLeft(c4, 1);
            var d4 = c3 ^ Avx512F.RotateLeft(c0, 1);
            var b0 = a0 ^ d0;
            var b1 = Avx512F.RotateLeft(a6 ^ d1, 44);
            var b2 = Avx512F.RotateLeft(a12 ^ d2, 43);
            var b3 = Avx512F.RotateLeft(a18 ^ d3, 21);
            var b4 = Avx512F.RotateLeft(a24 ^ d4, 14);
            var b5 = Avx512F.RotateLeft(a3 ^ d3, 28);
            var b6 = Avx512F.RotateLeft(a9 ^ d4, 20);
            var b7 = Avx512F.RotateLeft(a10 ^ d0, 3);
            var b8 = Avx512F.RotateLeft(a16 ^ d1, 45);
            var b9 = Avx512F.RotateLeft(a22 ^ d2, 61);
            var b10 = Avx512F.RotateLeft(a1 ^ d1, 1);
            var b11 = Avx512F.RotateLeft(a7 ^ d2, 6);
            var b12 = Avx512F.RotateLeft(a13 ^ d3, 25);
            var b13 = Avx512F.RotateLeft(a19 ^ d4, 8);
            var b14 = Avx512F.RotateLeft(a20 ^ d0, 18);
            var b15 = Avx512F.RotateLeft(a4 ^ d4, 27);
            var b16 = Avx512F.RotateLeft(a5 ^ d0, 36);
            var b17 = Avx512F.RotateLeft(a11 ^ d1, 10);
            var b18 = Avx512F.RotateLeft(a17 ^ d2, 15);
            var b19 = Avx512F.RotateLeft(a23 ^ d3, 56);
            var b20 = Avx512F.RotateLeft(a2 ^ d2, 62);
            var b21 = Avx512F.RotateLeft(a8 ^ d3, 55);
            var b22 = Avx512F.RotateLeft(a14 ^ d4, 39);
            var b23 = Avx512F.RotateLeft(a15 ^ d0, 41);
            var b24 = Avx512F.RotateLeft(a21 ^ d1, 2);
            a0 = Avx512F.TernaryLogic(b0, b1, b2, 0xD2);
            a1 = Avx512F.TernaryLogic(b1, b2, b3, 0xD2);
            a2 = Avx512F.TernaryLogic(b2, b3, b4, 0xD2);
            a3 = Avx512F.TernaryLogic(b3, b4, b0, 0xD2);
            a4 = Avx512F.TernaryLogic(b4, b0, b1, 0xD2);
            a5 = Avx512F.TernaryLogic(b5, b6, b7, 0xD2);
            a6 = Avx512F.TernaryLogic(b6, b7, b8, 0xD2);
            a7 = Avx512F.TernaryLogic(b7, b8, b9, 0xD2);
            a8 = Avx512F.TernaryLogic(b8, b9, b5, 0xD2);
            a9 = Avx512F.TernaryLogic(b9, b5, b6, 0xD2);
            a10 = Avx512F.TernaryLogic(b10, b11, b12, 0xD2);
            a11 = Avx512F.TernaryLogic(b11, b12, b13, 0xD2);
            a12 = Avx512F.TernaryLogic(b12, b13, b14, 0xD2);
            a13 = Avx512F.TernaryLogic(b13, b14, b10, 0xD2);
            a14 = Avx512F.TernaryLogic(b14, b10, b11, 0xD2);
            a15 = Avx512F.TernaryLogic(b15, b16, b17, 0xD2);
            a16 = Avx512F.TernaryLogic(b16, b17, b18, 0xD2);
            a17 = Avx512F.TernaryLogic(b17, b18, b19, 0xD2);
            a18 = Avx512F.TernaryLogic(b18, b19, b15, 0xD2);
            a19 = Avx512F.TernaryLogic(b19, b15, b16, 0xD2);
            a20 = Avx512F.TernaryLogic(b20, b21, b22, 0xD2);
            a21 = Avx512F.TernaryLogic(b21, b22, b23, 0xD2);
            a22 = Avx512F.TernaryLogic(b22, b23, b24, 0xD2);
            a23 = Avx512F.TernaryLogic(b23, b24, b20, 0xD2);
            a24 = Avx512F.TernaryLogic(b24, b20, b21, 0xD2);
            a0 ^= Vector512.Create(KeccakF1600.RoundConstants[round]);
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
}
