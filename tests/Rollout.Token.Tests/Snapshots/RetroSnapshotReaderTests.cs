using System.Text;
using Rollout.TestSupport;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Snapshots;

public sealed class RetroSnapshotReaderTests
{
    private static readonly string Peer0 = TestPeers.Text(0);
    private static readonly string Peer1 = TestPeers.Text(1);

    [Fact]
    public void Read_ReferenceShape_GivesPeersAndUnitsInFileOrder()
    {
        var retro = Read("second_retro.json", $$"""
            [
              { "peerId": "{{Peer0}}", "reward": "137558", "janPresence": true, "febPresence": false },
              { "peerId": "{{Peer1}}", "reward": "0.5" }
            ]
            """, round: 2);

        Assert.Equal(2, retro.Round);
        Assert.Equal([TestPeers.Make(0), TestPeers.Make(1)], retro.Rewards.Select(r => r.PeerId));
        Assert.Equal([137558 * 8_000_000_000L, 4_000_000_000L], retro.Rewards.Select(r => (long)r.Units));
    }

    [Fact]
    public void Read_ZeroReward_IsKept() =>
        Assert.True(Read("first_retro.json", $$"""[{"peerId":"{{Peer0}}","reward":"0"}]""").Rewards[0].Units.IsZero);

    [Fact]
    public void Read_UnreadableJson_NamesTheFileAndLine() =>
        AssertFails("""[{"peerId": "x", "reward": "1"}""", "first_retro.json: is not valid JSON at line 1");

    [Fact]
    public void Read_TrailingComma_IsRefused() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"1"},]""", "first_retro.json: is not valid JSON");

    [Fact]
    public void Read_Comment_IsRefused() =>
        AssertFails($$"""[/* x */{"peerId":"{{Peer0}}","reward":"1"}]""", "first_retro.json: is not valid JSON");

    [Fact]
    public void Read_TopLevelObject_IsRefused() =>
        AssertFails("""{"peerId": "x"}""", "first_retro.json: must hold a JSON array, not an object");

    [Fact]
    public void Read_RewardAsNumber_NamesIndexAndField() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"1"},{"peerId":"{{Peer1}}","reward":137558}]""", "first_retro.json[1].reward: expected a string, found a number");

    [Fact]
    public void Read_PeerIdAsNumber_NamesIndexAndField() =>
        AssertFails("""[{"peerId":12,"reward":"1"}]""", "first_retro.json[0].peerId: expected a string, found a number");

    [Fact]
    public void Read_NullReward_NamesIndexAndField() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":null}]""", "first_retro.json[0].reward: expected a string, found null");

    [Fact]
    public void Read_MissingReward_NamesIndexAndField() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}"}]""", "first_retro.json[0].reward: is missing");

    [Fact]
    public void Read_NestedArray_NamesTheIndex() =>
        AssertFails($$"""[[{"peerId":"{{Peer0}}","reward":"1"}]]""", "first_retro.json[0]: expected an object, found an array");

    [Fact]
    public void Read_NullElement_NamesTheIndex() =>
        AssertFails("""[null]""", "first_retro.json[0]: expected an object, found null");

    [Fact]
    public void Read_DeepNesting_IsRefusedAsInvalidJson() =>
        AssertFails(new string('[', 5000) + new string(']', 5000), "first_retro.json: is not valid JSON");

    [Fact]
    public void Read_DuplicatePeerIdInOneFile_NamesBothIndices() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"1"},{"peerId":"{{Peer1}}","reward":"1"},{"peerId":"{{Peer0}}","reward":"2"}]""",
            $"first_retro.json[2].peerId: \"{Peer0}\" already appears at index 0");

    [Fact]
    public void Read_InvalidBase58_NamesIndexFieldAndCharacter() =>
        AssertFails("""[{"peerId":"Qm0OIl","reward":"1"}]""", "first_retro.json[0].peerId: \"Qm0OIl\" is not a peer ID: character '0' at position 2 is not in the Base58 alphabet");

    [Fact]
    public void Read_PeerIdThatIsNotAMultihash_NamesIndexAndField() =>
        AssertFails("""[{"peerId":"3mJr7AoUXx2Wqd","reward":"1"}]""", "first_retro.json[0].peerId: \"3mJr7AoUXx2Wqd\" is not a peer ID: multihash");

    [Fact]
    public void Read_EmptyPeerId_IsRefused() =>
        AssertFails("""[{"peerId":"","reward":"1"}]""", "first_retro.json[0].peerId: \"\" is not a peer ID");

    [Theory]
    [InlineData("-5", "is negative")]
    [InlineData("1.5e3", "uses an exponent")]
    [InlineData("+5", "has a sign")]
    [InlineData(" 5", "has whitespace")]
    [InlineData("0.0000000000001", "not a whole number of units")]
    [InlineData("", "is empty")]
    public void Read_MalformedReward_NamesIndexAndField(string reward, string reason) =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"{{reward}}"}]""", "first_retro.json[0].reward: ", reason);

    [Fact]
    public void Read_HugeReward_IsRefused() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"{{new string('9', 100)}}"}]""", "first_retro.json[0].reward: ", "2^256");

    [Fact]
    public void Read_UnknownField_IsRefused() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"1","rewards":"5"}]""", "first_retro.json[0].rewards: is not a field of this snapshot");

    [Fact]
    public void Read_RepeatedProperty_IsRefused() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"1","reward":"900"}]""", "first_retro.json[0].reward: appears twice in the same object");

    [Fact]
    public void Read_PresenceFlagThatIsNotBoolean_IsRefused() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"1","janPresence":"yes"}]""", "first_retro.json[0].janPresence: expected true or false, found a string");

    [Fact]
    public void Read_ByteOrderMark_IsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("first_retro.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("[]")]);
        var error = Assert.Throws<InvalidDataException>(() => RetroSnapshotReader.Read(path, 1));
        Assert.StartsWith("first_retro.json: starts with a byte order mark", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileThatIsNotUtf8_NamesTheOffset()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("first_retro.json");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("[{\"peerId\":\"Qm"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"reward\":\"1\"}]")]);
        var error = Assert.Throws<InvalidDataException>(() => RetroSnapshotReader.Read(path, 1));
        Assert.Equal("first_retro.json: is not UTF-8: invalid byte 0xc3 at offset 14 (line 1)", error.Message);
    }

    [Fact]
    public void Read_ControlCharactersInAValue_AreEscapedInTheMessage()
    {
        var error = Fails("""[{"peerId":"\u001b[31mred","reward":"1"}]""");
        Assert.DoesNotContain('\u001b', error);
        Assert.Contains("\\u001b", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EscapedPeerIdAndReward_ReadAsTheirPlainText()
    {
        // JSON escapes take the exact slow path; the result must be the one plain text gives.
        var escapedPeer = "\\u" + ((int)Peer0[0]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + Peer0[1..];
        var retro = Read("first_retro.json", $$"""[{"p\u0065erId":"{{escapedPeer}}","reward":"1\u002e5"}]""");

        Assert.Equal(TestPeers.Make(0), retro.Rewards[0].PeerId);
        Assert.Equal(12_000_000_000L, (long)retro.Rewards[0].Units);
    }

    [Fact]
    public void Read_SeveralProblemsInOneEntry_ReportsThemInTheReadersOrder()
    {
        // Fields first (unknown before missing), then the types of peerId, reward and the flags, then the values.
        AssertFails($$"""[{"reward":1,"peerId":"x","extra":2}]""", "first_retro.json[0].extra: is not a field of this snapshot");
        AssertFails($$"""[{"reward":1,"janPresence":3}]""", "first_retro.json[0].peerId: is missing");
        AssertFails($$"""[{"reward":1,"peerId":"x","janPresence":3}]""", "first_retro.json[0].reward: expected a string, found a number");
        AssertFails($$"""[{"reward":"-1","peerId":"x","mayPresence":3,"febPresence":"y"}]""", "first_retro.json[0].febPresence: expected true or false, found a string");
        AssertFails($$"""[{"reward":"-1","peerId":"x"}]""", "first_retro.json[0].peerId: \"x\" is not a peer ID");
        AssertFails($$"""[{"reward":"1","peerId":"{{Peer0}}"},{"reward":"-1","peerId":"{{Peer0}}"}]""", "first_retro.json[1].peerId: \"" + Peer0 + "\" already appears at index 0");
        AssertFails($$"""[{"reward":"-1","peerId":"{{Peer0}}"}]""", "first_retro.json[0].reward: \"-1\" is negative");
    }

    [Fact]
    public void Read_LoneSurrogateEscapeInPeerId_IsRefusedNamingIndexAndField() =>
        AssertFails("""[{"peerId":"\ud800","reward":"1"}]""", "first_retro.json[0].peerId: ", "lone surrogate");

    [Fact]
    public void Read_LoneSurrogateEscapeInReward_IsRefusedNamingIndexAndField() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"1"},{"peerId":"{{Peer1}}","reward":"\udc00"}]""", "first_retro.json[1].reward: ", "lone surrogate");

    [Fact]
    public void Read_LoneSurrogateEscapeInFieldName_IsRefusedNamingIndex() =>
        AssertFails($$"""[{"peerId":"{{Peer0}}","reward":"1","\ud800":true}]""", "first_retro.json[0]: ", "lone surrogate");

    [Fact]
    public void Read_MillionCharacterPeerId_IsRefusedAsTooLong() =>
        AssertFails($$"""[{"peerId":"{{new string('z', 1_000_000)}}","reward":"1"}]""", "first_retro.json[0].peerId: \"zzz", "1000000 characters is longer than any peer ID");

    private static RetroSnapshot Read(string name, string json, int round = 1)
    {
        using var dir = new TempDirectory();
        return RetroSnapshotReader.Read(dir.Write(name, json), round);
    }

    private static string Fails(string json)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<InvalidDataException>(() => RetroSnapshotReader.Read(dir.Write("first_retro.json", json), 1)).Message;
    }

    private static void AssertFails(string json, string start, string? reason = null)
    {
        var message = Fails(json);
        Assert.StartsWith(start, message, StringComparison.Ordinal);
        if (reason is not null) Assert.Contains(reason, message, StringComparison.Ordinal);
    }
}
