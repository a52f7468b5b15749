using System.Numerics;
using System.Text.Json;
using Rollout.TestSupport;
using Rollout.Token.Addressing.Poseidon;

namespace Rollout.Token.Tests.Addressing.Poseidon;

public sealed class PoseidonParametersTests
{
    [Fact]
    public void Generate_EveryWidth_ReproducesIdensMdsMatricesAndFirstRoundConstants()
    {
        using var answer = JsonDocument.Parse(NodeOracle.Run("poseidon.mjs", """{"constants": true}"""));
        var widths = answer.RootElement.GetProperty("constants").EnumerateArray().ToArray();
        Assert.Equal(PoseidonHash.MaxInputs, widths.Length);
        for (var w = 0; w < widths.Length; w++)
        {
            var t = w + 2;
            var parameters = PoseidonParameters.Generate(t);
            // iden3 stores the matrix transposed: its M[j][i] weighs lane j in output lane i.
            var mds = widths[w].GetProperty("mds").EnumerateArray().Select(row => row.EnumerateArray().Select(ParseElement).ToArray()).ToArray();
            for (var i = 0; i < t; i++)
            {
                for (var j = 0; j < t; j++) Assert.Equal(mds[j][i], parameters.MdsEntry(i, j).ToBigInteger());
            }
            var first = widths[w].GetProperty("first").EnumerateArray().Select(ParseElement).ToArray();
            Assert.Equal(first, Enumerable.Range(0, t).Select(lane => parameters.RoundConstant(0, lane).ToBigInteger()));
        }
    }

    [Fact]
    public void FastForm_EveryWidth_EqualsTheTextbookRounds()
    {
        var random = new Random(17);
        for (var t = 2; t <= PoseidonHash.MaxInputs + 1; t++)
        {
            var parameters = PoseidonParameters.Generate(t);
            for (var sample = 0; sample < 3; sample++)
            {
                // Zero inputs take the fast form's precomputed path, so mix them in.
                var inputs = Enumerable.Range(0, t - 1)
                    .Select(_ => random.Next(3) == 0 ? Bn254Scalar.Zero : RandomElement(random)).ToArray();
                Assert.Equal(Textbook(parameters, inputs), PoseidonHash.Hash(inputs));
            }
        }
    }

    // The permutation as the paper states it: each round adds its constants, applies x^5 (to every lane
    // in full rounds, to lane 0 in partial ones) and multiplies by the MDS matrix.
    private static Bn254Scalar Textbook(PoseidonParameters parameters, Bn254Scalar[] inputs)
    {
        var t = parameters.Width;
        var state = new[] { Bn254Scalar.Zero }.Concat(inputs).ToArray();
        var half = PoseidonParameters.FullRounds / 2;
        for (var r = 0; r < parameters.Rounds; r++)
        {
            var full = r < half || r >= half + parameters.PartialRounds;
            for (var i = 0; i < t; i++)
            {
                state[i] += parameters.RoundConstant(r, i);
                if (full || i == 0) state[i] = Bn254Scalar.Pow5(state[i]);
            }
            state = Enumerable.Range(0, t)
                .Select(i => Enumerable.Range(0, t).Aggregate(Bn254Scalar.Zero, (sum, j) => sum + parameters.MdsEntry(i, j) * state[j]))
                .ToArray();
        }
        return state[0];
    }

    private static Bn254Scalar RandomElement(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return Bn254Scalar.FromBigInteger(new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % Bn254Scalar.Modulus);
    }

    private static BigInteger ParseElement(JsonElement element) =>
        BigInteger.Parse(element.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
