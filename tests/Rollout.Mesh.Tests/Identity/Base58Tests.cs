using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Rollout.Mesh.Identity;
using Rollout.TestSupport;

namespace Rollout.Mesh.Tests.Identity;

public sealed class Base58Tests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("00", "1")]
    [InlineData("0000ff", "115Q")]
    [InlineData("61", "2g")]
    [InlineData("626262", "a3gV")]
    [InlineData("516b6fcd0f", "ABnLTmg")]
    public void Encode_MatchesBitcoinVectors(string hex, string expected) =>
        Assert.Equal(expected, Base58.Encode(Convert.FromHexString(hex)));

    [Fact]
    public void Encode_RandomBytes_EqualsMultiformatsBase58btc()
    {
        var random = new Random(58);
        var inputs = Enumerable.Range(0, 200).Select(i =>
        {
            var bytes = new byte[random.Next(0, 60)];
            random.NextBytes(bytes);
            if (i % 5 == 0 && bytes.Length > 2) bytes[0] = bytes[1] = 0;
            return bytes;
        }).ToArray();
        var request = JsonSerializer.Serialize(new { bytes = inputs.Select(Convert.ToHexStringLower) });
        var expected = JsonDocument.Parse(NodeOracle.Run("peer-ids.mjs", request)).RootElement.GetProperty("base58")
            .EnumerateArray().Select(e => e.GetString()).ToArray();

        Assert.Equal(expected, inputs.Select(b => Base58.Encode(b)));
    }

    [Fact]
    public void Decode_RoundTripsEveryByteString() =>
        Prop.ForAll<byte[]>(bytes =>
            Base58.TryDecode(Base58.Encode(bytes), out var decoded, out _) && decoded.AsSpan().SequenceEqual(bytes)
            || bytes.Length == 0).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("Qm0abc", "character '0' at position 2")]
    [InlineData("QmIabc", "character 'I' at position 2")]
    [InlineData("Qmé", "character 'é' at position 2")]
    [InlineData("", "empty")]
    public void Decode_InvalidText_NamesTheCharacterAndPosition(string text, string expected)
    {
        Assert.False(Base58.TryDecode(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
