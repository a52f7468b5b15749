using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using Rollout.Token.Addressing.Poseidon;
using Rollout.Token.Addressing.Poseidon.Lanes;

namespace Rollout.Benchmarks.Token;

/// <summary>
/// <c>ops/bench poseidon-field [--rounds N]</c>: one core, the building blocks of the Poseidon address
/// derivation, so the choice of field arithmetic can be measured: a scalar Montgomery product and 17-term
/// dot product (4×64-bit limbs) against the same on eight lanes (5×51-bit limbs in doubles, FMA split, Karatsuba pairs in dot products),
/// then whole hashes, scalar against eight-lane batches. Times are per field product or per hash and per
/// lane, the best of N rounds (default 5) of process CPU time, so that neighbours on a shared machine
/// inflate them less than wall time.
/// </summary>
internal static class PoseidonFieldBenchmark
{
    private const int Terms = 17;

    public static int Run(string[] args, TextWriter output)
    {
        var rounds = 5;
        if (args.Length == 2 && args[0] == "--rounds") rounds = int.Parse(args[1], CultureInfo.InvariantCulture);
        else if (args.Length != 0)
        {
            output.WriteLine("usage: ops/bench poseidon-field [--rounds N]");
            return 2;
        }
        var random = new Random(7);
        var scalars = Enumerable.Range(0, 2 * Terms).Select(_ => Bn254Scalar.FromBigInteger(RandomElement(random))).ToArray();
        // Limbs below 2^51 and pair sums below 2^52, as the operands are; the values need not be field elements here.
        var laneValues = Enumerable.Range(0, 2 * Terms * Bn254Lanes.OperandSize)
            .Select(_ => Vector512.Create((double)(random.NextInt64() & (long)Bn254Lanes.LimbMask))).ToArray();
        var constants = Enumerable.Range(0, Terms * Bn254Lanes.OperandSize).Select(_ => (double)(random.NextInt64() & (long)Bn254Lanes.LimbMask)).ToArray();
        var messages = Enumerable.Range(0, 4_000).Select(i =>
        {
            var bytes = new byte[i % 2 == 0 ? 34 : 38];
            random.NextBytes(bytes);
            return bytes;
        }).ToArray();

        output.WriteLine($"poseidon field arithmetic, one core, best of {rounds} (process CPU time; Avx512F {FusedProductSplit.IsSupported}, Vector512 accelerated {Vector512.IsHardwareAccelerated})");
        output.WriteLine("  per field product, per lane:");
        Report(output, "scalar Montgomery product (4x64)", rounds, 2_000_000, 1, () => ScalarProducts(scalars, 2_000_000));
        Report(output, "scalar 17-term dot product (4x64)", rounds, 100_000, Terms, () => ScalarDots(scalars, 100_000));
        Report(output, "8 lanes Montgomery product, FMA", rounds, 500_000, Bn254Lanes.Lanes, () => LaneProducts<FusedProductSplit>(laneValues, 500_000));
        Report(output, "8 lanes Montgomery product, portable", rounds, 500_000, Bn254Lanes.Lanes, () => LaneProducts<PortableProductSplit>(laneValues, 500_000));
        Report(output, "8 lanes Montgomery square, FMA", rounds, 500_000, Bn254Lanes.Lanes, () => LaneSquares<FusedProductSplit>(laneValues, 500_000));
        Report(output, "8 lanes 17-term dot product, FMA", rounds, 50_000, Bn254Lanes.Lanes * Terms, () => LaneDots<FusedProductSplit>(laneValues, constants, 50_000));
        output.WriteLine("  per hashBytes of a 34/38-byte peer ID:");
        Report(output, "scalar PoseidonHash.HashBytes", rounds, messages.Length / 4, 1, () => ScalarHashes(messages[..(messages.Length / 4)]));
        Report(output, "8 lanes PoseidonLaneBatch, FMA", rounds, messages.Length, 1, () => LaneHashes<FusedProductSplit>(messages));
        return 0;
    }

    private static void Report(TextWriter output, string name, int rounds, int iterations, int perIteration, Action work)
    {
        work();
        var best = double.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            work();
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - before).TotalNanoseconds);
        }
        output.WriteLine($"    {name,-40} {best / iterations / perIteration,10:F1} ns");
    }

    private static void ScalarProducts(Bn254Scalar[] values, int count)
    {
        var a = values[0];
        var b = values[1];
        for (var i = 0; i < count; i++) a = Bn254Scalar.Multiply(a, b);
        GC.KeepAlive(a);
    }

    private static void ScalarDots(Bn254Scalar[] values, int count)
    {
        var sum = Bn254Scalar.Zero;
        for (var i = 0; i < count; i++) sum += Bn254DotProduct.Compute(values.AsSpan(0, Terms), values.AsSpan(Terms, Terms));
        GC.KeepAlive(sum);
    }

    // Independent products (throughput, as in the permutation's rounds), eight lanes each.
    private static void LaneProducts<TSplit>(Vector512<double>[] values, int count)
        where TSplit : struct, IProductSplit
    {
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        var a = values.AsSpan(0, Bn254Lanes.OperandSize);
        var b = values.AsSpan(Bn254Lanes.OperandSize, Bn254Lanes.OperandSize);
        for (var i = 0; i < count; i++) Bn254LaneProducts.MultiplyOperands<TSplit>(a, b, result);
        GC.KeepAlive(result);
    }

    private static void LaneSquares<TSplit>(Vector512<double>[] values, int count)
        where TSplit : struct, IProductSplit
    {
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        var a = values.AsSpan(0, Bn254Lanes.Limbs);
        for (var i = 0; i < count; i++) Bn254LaneProducts.Square<TSplit>(a, result);
        GC.KeepAlive(result);
    }

    private static void LaneDots<TSplit>(Vector512<double>[] values, double[] constants, int count)
        where TSplit : struct, IProductSplit
    {
        var result = new Vector512<ulong>[Bn254Lanes.Limbs];
        var a = values.AsSpan(0, Terms * Bn254Lanes.OperandSize);
        for (var i = 0; i < count; i++) Bn254LaneProducts.DotConstant<TSplit>(a, constants, default, result);
        GC.KeepAlive(result);
    }

    private static void ScalarHashes(byte[][] messages)
    {
        foreach (var message in messages) GC.KeepAlive(PoseidonHash.HashBytes(message));
    }

    private static void LaneHashes<TSplit>(byte[][] messages)
        where TSplit : struct, IProductSplit
    {
        var batch = new PoseidonLaneBatch<TSplit>();
        for (var start = 0; start < messages.Length; start += PoseidonLaneBatch<TSplit>.Lanes)
        {
            batch.Clear();
            for (var lane = 0; lane < PoseidonLaneBatch<TSplit>.Lanes; lane++) batch.SetMessage(lane, messages[start + lane]);
            batch.Compute();
        }
    }

    private static System.Numerics.BigInteger RandomElement(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true) % Bn254Scalar.Modulus;
    }
}
