using Rollout.TestSupport;
using Rollout.Token.Addressing;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Snapshots;

public sealed class CsvSnapshotReaderTests
{
    private const string A = "0x00000000000000000000000000000000000000000000000000000000000000aa";
    private const string B = "0x00000000000000000000000000000000000000000000000000000000000000bb";

    [Fact]
    public void Read_RowsWithLfOrCrlf_GiveAddressesAndUnits()
    {
        var csv = Read($"address,amount\r\n{A},1.5\r\n{B},2\n");
        Assert.Equal([QuilAddress.Parse(A), QuilAddress.Parse(B)], csv.Allocations.Select(a => a.Address));
        Assert.Equal([12_000_000_000L, 16_000_000_000L], csv.Allocations.Select(a => (long)a.Units));
        Assert.Equal([2, 3], csv.Allocations.Select(a => a.Line));
    }

    [Theory]
    [InlineData("amount,address")]
    [InlineData("Address,Amount")]
    [InlineData("address, amount")]
    [InlineData("address,amount,note")]
    public void Read_BadHeader_IsRefusedOnLineOne(string header) =>
        Assert.StartsWith("extra.csv:1.header: must be exactly address,amount", Fails($"{header}\n{A},1\n"), StringComparison.Ordinal);

    [Theory]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000aa", "must start with 0x")]
    [InlineData("0xaa", "64 hex digits")]
    [InlineData("0x00000000000000000000000000000000000000000000000000000000000000zz", "is not hex")]
    [InlineData("", "must start with 0x")]
    public void Read_BadAddress_NamesLineAndField(string address, string reason)
    {
        var message = Fails($"address,amount\n{A},1\n{address},1\n");
        Assert.StartsWith("extra.csv:3.address:", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateAddress_NamesBothLines() =>
        Assert.Equal($"extra.csv:3.address: {A} already appears on line 2", Fails($"address,amount\n{A},1\n{A.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)},2\n"));

    [Theory]
    [InlineData("0", "is zero")]
    [InlineData("-1", "is negative")]
    [InlineData("1e9", "uses an exponent")]
    [InlineData("+1", "has a sign")]
    [InlineData(" 1", "has whitespace")]
    public void Read_BadAmount_NamesLineAndField(string amount, string reason)
    {
        var message = Fails($"address,amount\n{A},{amount}\n");
        Assert.StartsWith("extra.csv:2.amount:", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuotedField_IsRefused() => Assert.StartsWith("extra.csv:2: has a quote", Fails($"address,amount\n\"{A}\",1\n"), StringComparison.Ordinal);

    [Fact]
    public void Read_ThirdField_IsRefused() => Assert.Contains("more than two fields", Fails($"address,amount\n{A},1,2\n"), StringComparison.Ordinal);

    [Fact]
    public void Read_BlankLineInTheMiddle_IsRefused() => Assert.StartsWith("extra.csv:3: is empty", Fails($"address,amount\n{A},1\n\n{B},1\n"), StringComparison.Ordinal);

    [Fact]
    public void Read_HeaderOnly_IsRefused() => Assert.Equal("extra.csv: has a header but no rows", Fails("address,amount\n"));

    [Fact]
    public void Read_EmptyFile_IsRefused() => Assert.StartsWith("extra.csv: is empty", Fails(""), StringComparison.Ordinal);

    [Fact]
    public void Read_ByteOrderMark_IsRefused() => Assert.StartsWith("extra.csv: starts with a byte order mark", Fails($"\uFEFFaddress,amount\n{A},1\n"), StringComparison.Ordinal);

    [Fact]
    public void Read_Latin1Bytes_AreRefusedAsNotUtf8()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("extra.csv");
        File.WriteAllBytes(path, [.. "address,amount\n"u8, 0xE9, .. "\n"u8]);
        Assert.StartsWith("extra.csv: is not UTF-8: invalid byte 0xe9 at offset 15 (line 2)", Assert.Throws<InvalidDataException>(() => CsvSnapshotReader.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowsTheFastPathTakesOrDeclines_GiveWhatTheRulesSay()
    {
        // Plain rows take the byte path; mixed-case hex, long fractions, big amounts and zero do not all.
        var upper = "0x" + new string('C', 62) + "Dd";
        var csv = Read($"address,amount\n{A},0.000000000125\n{B},12345678901234567890\n{upper},7.5\n");
        Assert.Equal([QuilAddress.Parse(A), QuilAddress.Parse(B), QuilAddress.Parse(upper)], csv.Allocations.Select(a => a.Address));
        Assert.Equal([System.Numerics.BigInteger.One, System.Numerics.BigInteger.Parse("12345678901234567890", System.Globalization.CultureInfo.InvariantCulture) * 8_000_000_000L, 60_000_000_000L],
            csv.Allocations.Select(a => a.Units));
        Assert.Equal($"extra.csv:3.amount: \"0.0\" is zero; a CSV allocation must be positive", Fails($"address,amount\n{A},1\n{B},0.0\n"));
        Assert.EndsWith("(70 characters) has more than two fields", Fails($"address,amount\n{A},1,2\n"), StringComparison.Ordinal);
    }

    private static CsvSnapshot Read(string text)
    {
        using var dir = new TempDirectory();
        return CsvSnapshotReader.Read(dir.Write("extra.csv", text));
    }

    private static string Fails(string text)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<InvalidDataException>(() => CsvSnapshotReader.Read(dir.Write("extra.csv", text))).Message;
    }
}
