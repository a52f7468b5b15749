using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Rollout.Token.Addressing.Poseidon;

/// <summary>The high half of a 64×64-bit product, kept in registers.</summary>
internal static class WideMultiply
{
    // Math.BigMul hands the low half back through a pointer, which pins it to the stack: a store and a
    // reload for every limb product. The low half is a plain multiply; the high half needs only mulx.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong High(ulong a, ulong b) => Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
}
