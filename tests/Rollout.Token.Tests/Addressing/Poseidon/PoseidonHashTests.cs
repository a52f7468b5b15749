using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Rollout.TestSupport;
using Rollout.Token.Addressing.Poseidon;

namespace Rollout.Token.Tests.Addressing.Poseidon;

public sealed class PoseidonHashTests
{
    private static readonly BigInteger P = Bn254Scalar.Modulus;

    [Fact]
    public void Hash_OneToSixteenInputs_EqualsIden3()
    {
        var random = new Random(5);
        var cases = new List<BigInteger[]>();
        for (var n = 1; n <= PoseidonHash.MaxInputs; n++)
        {
            cases.Add(Enumerable.Range(1, n).Select(i => (BigInteger)i).ToArray());
            cases.Add(new BigInteger[n]);
            cases.Add(Enumerable.Repeat(P - 1, n).ToArray());
        }
        for (var i = 0; i < 200; i++)
        {
            cases.Add(Enumerable.Range(0, random.Next(1, PoseidonHash.MaxInputs + 1))
                .Select(_ => random.Next(4) == 0 ? BigInteger.Zero : RandomElement(random)).ToArray());
        }
        var request = JsonSerializer.Serialize(new { hash = cases.Select(c => c.Select(x => x.ToString(CultureInfo.InvariantCulture))) });
        using var answer = JsonDocument.Parse(NodeOracle.Run("poseidon.mjs", request));

        var expected = answer.RootElement.GetProperty("hash").EnumerateArray().Select(e => e.GetString()).ToArray();
        var actual = cases.Select(c => PoseidonHash.Hash(c.Select(Bn254Scalar.FromBigInteger).ToArray()).ToString()).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void HashBytes_AroundTheChunkAndFrameBoundaries_EqualsIden3()
    {
        var random = new Random(31);
        // 31 bytes make a chunk and 16 chunks a frame (496 bytes); later frames take 15 new chunks.
        var lengths = new[] { 1, 2, 30, 31, 32, 61, 62, 63, 465, 495, 496, 497, 526, 527, 961, 962, 1000 }
            .Concat(Enumerable.Range(0, 200).Select(_ => random.Next(1, 130)))
            .Concat(Enumerable.Range(0, 40).Select(_ => random.Next(130, 1100)));
        var messages = lengths.Select(length =>
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }).ToList();
        messages.Add(new byte[40]);
        messages.Add(Enumerable.Repeat((byte)0xff, 496).ToArray());

        var expected = OracleHashBytes(messages);
        Assert.Equal(expected, messages.Select(m => (string?)PoseidonHash.HashBytes(m).ToString()));
    }

    [Fact]
    public void HashBytes_OfNothing_IsUndefinedInIden3AndRefusedHere()
    {
        Assert.Null(Assert.Single(OracleHashBytes([[]])));
        var error = Assert.Throws<ArgumentException>(() => PoseidonHash.HashBytes([]));
        Assert.Contains("empty message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_NoInputsOrMoreThanSixteen_Throws()
    {
        Assert.Throws<ArgumentException>(() => PoseidonHash.Hash([]));
        Assert.Throws<ArgumentException>(() => PoseidonHash.Hash(new Bn254Scalar[PoseidonHash.MaxInputs + 1]));
    }

    [Fact]
    public void Hash_OfOneAndTwo_IsCircomlibsPublishedValue() =>
        // The test vector circomlib and go-iden3-crypto publish for poseidon([1, 2]).
        Assert.Equal(
            "7853200120776062878684798364095072458815029376092732009249414926327459813530",
            PoseidonHash.Hash([Bn254Scalar.One, Bn254Scalar.One + Bn254Scalar.One]).ToString());

    private static string?[] OracleHashBytes(IEnumerable<byte[]> messages)
    {
        var request = JsonSerializer.Serialize(new { hashBytes = messages.Select(Convert.ToHexStringLower) });
        using var answer = JsonDocument.Parse(NodeOracle.Run("poseidon.mjs", request));
        return answer.RootElement.GetProperty("hashBytes").EnumerateArray().Select(e => e.GetString()).ToArray();
    }

    private static BigInteger RandomElement(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % P;
    }
}
