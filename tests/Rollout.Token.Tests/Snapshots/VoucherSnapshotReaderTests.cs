using Rollout.TestSupport;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Snapshots;

public sealed class VoucherSnapshotReaderTests
{
    private static readonly string Key57 = "0x" + string.Concat(Enumerable.Repeat("ab", 57));

    [Fact]
    public void Read_HexKeys_GivesTheirBytes()
    {
        var vouchers = Read($"""["{Key57}", "0x0102"]""");
        Assert.Equal(57, vouchers.Vouchers[0].Key.Length);
        Assert.Equal([1, 2], vouchers.Vouchers[1].Key);
        Assert.Equal("0102", vouchers.Vouchers[1].KeyHex);
    }

    [Fact]
    public void Read_KeyWithoutPrefix_NamesTheIndex() =>
        Assert.StartsWith("ceremony_vouchers.json[1]: \"abab\" is not a voucher key: it must start with 0x", Fails($"""["{Key57}", "abab"]"""), StringComparison.Ordinal);

    [Fact]
    public void Read_OddHex_IsRefused() =>
        Assert.Contains("even number", Fails("""["0xabc"]"""), StringComparison.Ordinal);

    [Fact]
    public void Read_NonHexDigit_IsRefused() =>
        Assert.StartsWith("ceremony_vouchers.json[0]: \"0xzz\" is not a voucher key", Fails("""["0xzz"]"""), StringComparison.Ordinal);

    [Fact]
    public void Read_ObjectInsteadOfString_NamesTheIndex() =>
        Assert.Equal("ceremony_vouchers.json[0]: expected a voucher key string, found an object", Fails("""[{"key":"0x01"}]"""));

    [Fact]
    public void Read_SameKeyTwiceInAnyCase_IsRefused() =>
        Assert.Equal("ceremony_vouchers.json[1]: \"0xABCD\" already appears at index 0", Fails("""["0xabcd", "0xABCD"]"""));

    [Fact]
    public void Read_LoneSurrogateEscape_IsRefusedNamingTheIndex() =>
        Assert.StartsWith("ceremony_vouchers.json[1]: ", Fails("""["0xabcd", "0x\ud800"]"""), StringComparison.Ordinal);

    private static VoucherSnapshot Read(string json)
    {
        using var dir = new TempDirectory();
        return VoucherSnapshotReader.Read(dir.Write("ceremony_vouchers.json", json));
    }

    private static string Fails(string json)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<InvalidDataException>(() => VoucherSnapshotReader.Read(dir.Write("ceremony_vouchers.json", json))).Message;
    }
}
