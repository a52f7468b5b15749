using System.Text.Json;
using Rollout.Deployer.Plans;
using Rollout.Deployer.Quorum;

namespace Rollout.Deployer.Tests.Quorum;

public sealed class UnlockCollectorTests
{
    private const int Slots = 17;
    private static readonly byte[][] Keys = Enumerable.Range(0, Slots).Select(_ => Ed448Keys.NewPrivateKey()).ToArray();
    private static readonly SignatorySet Signatories = new(Keys.Select(k => Ed448Keys.PublicKeyOf(k)));
    private static readonly byte[] Beacon = Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey());
    private static readonly byte[] ReleaseBlock = Block(0x10);
    private static readonly byte[] LaterBlock = Block(0x20);
    private static readonly GenesisSeed Seed = GenesisSeed.Create("resist much, obey little", LaterBlock, Beacon);
    private static readonly GenesisSeed EarlierAttempt = GenesisSeed.Create("resist much, obey little", Block(0x18), Beacon);

    [Fact]
    public void Build_AfterSevenGoodSignatures_IsAnUnlockTheReferenceCheckAccepts()
    {
        var collector = Collector();
        for (var i = 0; i < 7; i++) Assert.Null(collector.Add(UnlockSignature.Sign(Seed, Keys[i * 2])));

        var unlock = collector.Build();

        Assert.True(unlock.Verify(Signatories, QuorumRules.ReferenceUnlock(Slots), out var problem), problem);
        Assert.Equal(Seed.Hex, unlock.GenesisSeedHex);
        Assert.Equal(7, unlock.Signatures.Count);
    }

    [Fact]
    public void Build_BeforeTheQuorum_Throws()
    {
        var collector = Collector();
        for (var i = 0; i < 6; i++) collector.Add(UnlockSignature.Sign(Seed, Keys[i]));

        Assert.False(collector.HasQuorum);
        Assert.Throws<InvalidOperationException>(collector.Build);
    }

    [Fact]
    public void Add_SignatureFromAnotherKeyUnderASignatorysName_IsForged()
    {
        var forged = UnlockSignature.Sign(Seed, Ed448Keys.NewPrivateKey()) with { PublicKeyHex = Convert.ToHexStringLower(Signatories.KeyOf(3)) };

        Assert.Equal(UnlockRejection.Forged, Collector().Add(forged));
    }

    [Fact]
    public void Add_KeyThatIsNoSignatorys_IsUnknownSigner() =>
        Assert.Equal(UnlockRejection.UnknownSigner, Collector().Add(UnlockSignature.Sign(Seed, Ed448Keys.NewPrivateKey())));

    [Fact]
    public void Add_SameSignatoryTwice_IsDuplicateAndCountsOnce()
    {
        var collector = Collector();
        var signature = UnlockSignature.Sign(Seed, Keys[4]);

        Assert.Null(collector.Add(signature));
        Assert.Equal(UnlockRejection.Duplicate, collector.Add(signature with { PublicKeyHex = signature.PublicKeyHex.ToUpperInvariant() }));
        Assert.Equal(1, collector.Count);
    }

    [Fact]
    public void Add_SignatureOverAnEarlierAttemptsSeed_IsReplayed() =>
        Assert.Equal(UnlockRejection.Replayed, Collector().Add(UnlockSignature.Sign(EarlierAttempt, Keys[0])));

    [Fact]
    public void Add_SignatureOverASeedStampedBeforeTheRelease_IsPreDated()
    {
        var preDated = GenesisSeed.Create("resist much, obey little", ReleaseBlock, Beacon);

        Assert.Equal(UnlockRejection.PreDated, Collector().Add(UnlockSignature.Sign(preDated, Keys[0])));
    }

    [Fact]
    public void Add_SignatureOverSomeOtherSeed_IsWrongSeed()
    {
        var other = GenesisSeed.Create("another phrase", LaterBlock, Beacon);

        Assert.Equal(UnlockRejection.WrongSeed, Collector().Add(UnlockSignature.Sign(other, Keys[0])));
    }

    [Fact]
    public void Verify_UnlockWithOneBadSignature_FailsLikeTheReference()
    {
        var collector = Collector();
        for (var i = 0; i < 8; i++) collector.Add(UnlockSignature.Sign(Seed, Keys[i]));
        var unlock = collector.Build();
        var tampered = unlock with
        {
            Signatures = [.. unlock.Signatures.Take(7), unlock.Signatures[7] with { SignatureHex = unlock.Signatures[0].SignatureHex }],
        };

        Assert.False(tampered.Verify(Signatories, 7, out var problem));
        Assert.Equal("failed signature check for signatory #8", problem);
    }

    [Fact]
    public void Verify_SeedThatDoesNotBindTheBeacon_Fails()
    {
        var collector = Collector();
        for (var i = 0; i < 7; i++) collector.Add(UnlockSignature.Sign(Seed, Keys[i]));
        var unlock = collector.Build() with { Beacon = Ed448Keys.PublicKeyOf(Ed448Keys.NewPrivateKey()) };

        Assert.False(unlock.Verify(Signatories, 7, out var problem));
        Assert.Equal("the seed does not bind the beacon key", problem);
    }

    [Fact]
    public void ToJson_WritesTheReferenceFieldsWithTheBeaconInBase64()
    {
        var collector = Collector();
        for (var i = 0; i < 7; i++) collector.Add(UnlockSignature.Sign(Seed, Keys[i]));

        var json = JsonDocument.Parse(collector.Build().ToJson()).RootElement;

        Assert.Equal(Seed.Hex, json.GetProperty("genesisSeedHex").GetString());
        Assert.Equal(Convert.ToBase64String(Beacon), json.GetProperty("beacon").GetString());
        var first = json.GetProperty("signatures")[0];
        Assert.Equal(Convert.ToHexStringLower(Signatories.KeyOf(1)), first.GetProperty("publicKeyHex").GetString());
        Assert.Equal(228, first.GetProperty("signatureHex").GetString()!.Length);
    }

    [Fact]
    public void SignedText_IsTheReferenceGenesisLine()
    {
        var text = System.Text.Encoding.UTF8.GetString(Seed.SignedText);

        Assert.Matches("^SHA3-256\\(genesis\\)= [0-9a-f]{64}\n$", text);
    }

    [Fact]
    public void TryParse_SeedBytes_GiveBackPhraseBlockstampAndBeacon()
    {
        Assert.True(GenesisSeed.TryParse(Seed.Bytes, out var parsed, out var error), error);
        Assert.Equal("resist much, obey little", parsed!.Phrase);
        Assert.Equal(LaterBlock, parsed.Blockstamp);
        Assert.Equal(Beacon, parsed.Beacon);
        Assert.False(GenesisSeed.TryParse(Seed.Bytes[..40], out _, out _));
    }

    private static UnlockCollector Collector() => new(
        Signatories,
        QuorumRules.ReferenceUnlock(Slots),
        Seed,
        new HashSet<string> { EarlierAttempt.Hex },
        blockstamp => blockstamp.SequenceEqual(ReleaseBlock));

    private static byte[] Block(byte fill) => Enumerable.Repeat(fill, GenesisSeed.BlockstampSize).ToArray();
}
