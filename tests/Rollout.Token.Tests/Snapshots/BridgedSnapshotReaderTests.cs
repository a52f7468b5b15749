using Rollout.TestSupport;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Snapshots;

public sealed class BridgedSnapshotReaderTests
{
    private static readonly string Peer0 = TestPeers.Text(0);

    [Fact]
    public void Read_PeerAndVoucherIdentifiers_AreBothAccepted()
    {
        var bridged = Read($$"""[{"amount":"10.5","identifier":"{{Peer0}}","variant":"peer"},{"amount":"50","identifier":"0xABCD","variant":"voucher"}]""");
        Assert.Equal(TestPeers.Make(0), bridged.Entries[0].Identifier.PeerId);
        Assert.Equal("abcd", bridged.Entries[1].Identifier.VoucherKeyHex);
        Assert.Equal(84_000_000_000L, (long)bridged.Entries[0].Units);
        Assert.Equal("voucher", bridged.Entries[1].Variant);
    }

    [Fact]
    public void Read_IdentifierThatIsNotAPeerId_NamesIndexAndField() =>
        Assert.StartsWith("bridged.json[0].identifier: \"not-a-peer\" is not a peer ID", Fails("""[{"amount":"1","identifier":"not-a-peer","variant":"x"}]"""), StringComparison.Ordinal);

    [Fact]
    public void Read_SameIdentifierTwice_IsRefused() =>
        Assert.StartsWith("bridged.json[1].identifier:", Fails($$"""[{"amount":"1","identifier":"{{Peer0}}","variant":"x"},{"amount":"2","identifier":"{{Peer0}}","variant":"x"}]"""), StringComparison.Ordinal);

    [Fact]
    public void Read_ZeroAmount_IsRefused() =>
        Assert.StartsWith("bridged.json[0].amount: \"0\" is zero", Fails($$"""[{"amount":"0","identifier":"{{Peer0}}","variant":"x"}]"""), StringComparison.Ordinal);

    [Fact]
    public void Read_AmountAsNumber_IsRefused() =>
        Assert.Equal("bridged.json[0].amount: expected a string, found a number", Fails($$"""[{"amount":1,"identifier":"{{Peer0}}","variant":"x"}]"""));

    [Fact]
    public void Read_MissingVariant_IsRefused() =>
        Assert.Equal("bridged.json[0].variant: is missing", Fails($$"""[{"amount":"1","identifier":"{{Peer0}}"}]"""));

    [Fact]
    public void Read_LoneSurrogateEscapeInIdentifier_IsRefusedNamingIndexAndField() =>
        Assert.StartsWith("bridged.json[0].identifier: ", Fails("""[{"amount":"1","identifier":"\ud800","variant":"x"}]"""), StringComparison.Ordinal);

    [Fact]
    public void Read_LoneSurrogateEscapeInFieldName_IsRefusedNamingTheIndex() =>
        Assert.StartsWith("bridged.json[0]: ", Fails("""[{"amount":"1","\udc00":"x"}]"""), StringComparison.Ordinal);

    [Fact]
    public void Read_MillionCharacterIdentifier_IsRefusedAsTooLong() =>
        Assert.Contains("1000000 characters is longer than any peer ID", Fails($$"""[{"amount":"1","identifier":"{{new string('z', 1_000_000)}}","variant":"x"}]"""), StringComparison.Ordinal);

    private static BridgedSnapshot Read(string json)
    {
        using var dir = new TempDirectory();
        return BridgedSnapshotReader.Read(dir.Write("bridged.json", json));
    }

    private static string Fails(string json)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<InvalidDataException>(() => BridgedSnapshotReader.Read(dir.Write("bridged.json", json))).Message;
    }
}
