using System.Text.Json;
using Rollout.Bridge.Ethereum;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum;

public sealed class AddressTests
{
    // The test vectors of EIP-55 itself. The all-caps and all-lower ones are their own checksummed form:
    // every letter's hash nibble happens to be high (or low), which is what they test.
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToString_OfTheEip55Vectors_GivesTheirChecksum(string checksummed)
    {
        var fromLower = Address.Parse(checksummed.ToLowerInvariant());
        var fromUpper = Address.Parse("0x" + checksummed[2..].ToUpperInvariant());

        Assert.Equal(checksummed, fromLower.ToString());
        Assert.Equal(checksummed, fromUpper.ToString());
        Assert.Equal(fromLower, Address.Parse(checksummed));
    }

    [Fact]
    public void Parse_AllLowerAllUpperAndChecksummed_GiveTheSameAddress()
    {
        var lower = Address.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var upper = Address.Parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED");
        var mixed = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        Assert.Equal(lower, upper);
        Assert.Equal(lower, mixed);
        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", lower.ToString());
        Assert.Equal("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", upper.ToLowerHex());
    }

    [Fact]
    public void Parse_MixedCaseWithAWrongChecksum_SaysSoAndNamesTheField()
    {
        // One letter's case flipped from the EIP-55 vector.
        var error = Assert.Throws<InvalidDataException>(() => Address.Parse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "plan.safe"));
        Assert.StartsWith("plan.safe: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("EIP-55 checksum", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InvalidDataException>(error);
    }

    [Theory]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "does not start with 0x")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", "has 38 hex digits")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0", "has 41 hex digits")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beagg", "is not hex")]
    public void TryParse_NotAnAddress_SaysWhy(string text, string expected)
    {
        Assert.False(Address.TryParse(text, out var address, out var error));
        Assert.Null(address);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPublicKey_CompressedAndUncompressed_GiveTheSameAddressAsEthers()
    {
        var random = new Random(55);
        var keys = Enumerable.Range(0, 12).Select(_ =>
        {
            var key = new byte[32];
            random.NextBytes(key);
            key[0] &= 0x7f; // keeps the scalar below the group order
            key[31] |= 1;
            return Hex.Encode(key);
        }).ToArray();
        var answer = JsonDocument.Parse(NodeOracle.Run("eth-keys.mjs", JsonSerializer.Serialize(new { keys }))).RootElement;
        foreach (var item in answer.EnumerateArray())
        {
            var expected = item.GetProperty("address").GetString()!;
            var uncompressed = Hex.Decode(item.GetProperty("publicKey").GetString()!);
            var compressed = Hex.Decode(item.GetProperty("compressedPublicKey").GetString()!);
            Assert.Equal(expected, Address.FromPublicKey(uncompressed).ToString());
            Assert.Equal(expected, Address.FromPublicKey(compressed).ToString());
            Assert.Equal(expected, Address.FromPublicKey(uncompressed.AsSpan(1)).ToString());
        }
    }

    [Fact]
    public void FromPublicKey_PointOffTheCurve_IsRejected()
    {
        var notOnCurve = new byte[33];
        notOnCurve[0] = 2;
        notOnCurve[32] = 5; // x = 5 has no y on secp256k1
        Assert.Throws<InvalidDataException>(() => Address.FromPublicKey(notOnCurve));
    }

    [Fact]
    public void Checksum_OfRandomAddresses_EqualsEthersGetAddress()
    {
        var random = new Random(5);
        var raw = Enumerable.Range(0, 100).Select(_ =>
        {
            var bytes = new byte[20];
            random.NextBytes(bytes);
            return Hex.Encode(bytes);
        }).ToArray();
        var expected = JsonSerializer.Deserialize<string[]>(NodeOracle.Run("eth-keys.mjs", JsonSerializer.Serialize(new { addresses = raw })))!;
        Assert.Equal(expected, raw.Select(r => Address.Parse(r).ToString()));
    }
}
