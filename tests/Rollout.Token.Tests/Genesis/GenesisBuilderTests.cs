using System.Numerics;
using Rollout.Mesh.Identity;
using Rollout.Token.Addressing;
using Rollout.Token.Genesis;
using Rollout.Token.Snapshots;
using Rollout.Token.Tests.Snapshots;

namespace Rollout.Token.Tests.Genesis;

public sealed class GenesisBuilderTests
{
    private const long Quil = 8_000_000_000L;
    private static readonly FakeAddressDerivation Fake = new();
    private static readonly PeerId Bridger = TestPeers.Make(100);
    private static readonly PeerId Holder = TestPeers.Make(101);
    private static readonly byte[] BridgedKey = [0xab, 0xcd];
    private static readonly byte[] FreeKey = [0x01, 0x02];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Build_BridgedPeer_IsPaidOnlyByTheThirdAndFourthRetro(int round, bool paid)
    {
        var genesis = Build(new SnapshotSet([Retro(round, (Bridger, 7), (Holder, 1))], null, Bridged((Bridger, 3)), []));

        Assert.Equal(paid ? 7 * Quil : 0, (long)Balance(genesis, Fake.Derive(Bridger)));
        Assert.Equal(1 * Quil, (long)Balance(genesis, Fake.Derive(Holder)));
        Assert.Equal(paid ? 0 : 1, genesis.Sources.Single(s => s.Source == RetroSnapshot.FileNames[round - 1]).ExcludedAsBridged);
    }

    [Fact]
    public void Build_BridgedVoucherKey_IsNotPaidItsVoucher()
    {
        var bridged = new BridgedSnapshot("bridged.json", [new BridgedEntry(new BridgedIdentifier("0xabcd", null, "abcd"), 2 * Quil, "voucher", 0)]);
        var vouchers = new VoucherSnapshot("ceremony_vouchers.json", [new CeremonyVoucher(BridgedKey, "abcd", 0), new CeremonyVoucher(FreeKey, "0102", 1)]);
        var genesis = Build(new SnapshotSet([], vouchers, bridged, []));

        Assert.Equal(0, (long)Balance(genesis, Fake.Derive(BridgedKey)));
        Assert.Equal(50 * Quil, (long)Balance(genesis, Fake.Derive(FreeKey)));
        Assert.Equal(1, genesis.Sources.Single(s => s.Source == "ceremony_vouchers.json").ExcludedAsBridged);
    }

    [Fact]
    public void Build_BridgedVoucherKeyInAnotherCase_IsStillNotPaidItsVoucher_AsTheReadmeDocuments()
    {
        // The reference compares raw strings and would pay this voucher; src/Token/README.md says why this build does not.
        using var dir = new Rollout.TestSupport.TempDirectory();
        dir.Write("bridged.json", """[{"amount":"2","identifier":"0xABCD","variant":"voucher"}]""");
        dir.Write("ceremony_vouchers.json", """["0xabcd","0x0102"]""");
        var genesis = Build(SnapshotFolder.Read(dir.Path));

        Assert.Equal(0, (long)Balance(genesis, Fake.Derive(BridgedKey)));
        Assert.Equal(50 * Quil, (long)Balance(genesis, Fake.Derive(FreeKey)));
        Assert.Equal(1, genesis.Sources.Single(s => s.Source == "ceremony_vouchers.json").ExcludedAsBridged);
    }

    [Fact]
    public void Build_BridgedAmounts_AreSummedToTheBridgeAddress()
    {
        var bridgeAddress = QuilAddress.Parse("0x" + new string('1', 64));
        var genesis = new GenesisBuilder(GenesisSettings.Default with { BridgeAddress = bridgeAddress }, Fake, Fake)
            .Build(new SnapshotSet([], null, Bridged((Bridger, 3), (Holder, 4)), []));

        Assert.Equal(7 * Quil, (long)genesis.BridgeUnits);
        Assert.Equal([new GenesisAllocation(bridgeAddress, 7 * Quil)], genesis.Allocations);
    }

    [Fact]
    public void Build_DefaultBridgeAddress_IsTheReferenceOne() =>
        Assert.Equal("0x1ac3290d57e064bdb5a57e874b59290226a9f9730d69f1d963600883789d6ee2", GenesisSettings.Default.BridgeAddress.ToString());

    [Fact]
    public void Build_OneAddressPaidBySeveralSources_AddsUp()
    {
        var address = Fake.Derive(Holder);
        var csv = new CsvSnapshot("extra.csv", [new CsvAllocation(address, 5, 2)]);
        var genesis = Build(new SnapshotSet([Retro(1, (Holder, 1)), Retro(2, (Holder, 2)), Retro(3, (Holder, 3)), Retro(4, (Holder, 4))], null, null, [csv]));

        Assert.Equal((10 * Quil) + 5, (long)Balance(genesis, address));
        Assert.Equal((10 * Quil) + 5, (long)genesis.TotalUnits);
    }

    [Fact]
    public void Build_Allocations_AreSortedByAddressAndLeaveOutZeroTotals()
    {
        var peers = Enumerable.Range(0, 50).Select(TestPeers.Make).ToArray();
        var genesis = Build(new SnapshotSet([Retro(3, peers.Select((p, i) => (p, (long)(i % 5))).ToArray())], null, null, []));

        Assert.Equal(40, genesis.Allocations.Count);
        Assert.Equal(genesis.Allocations.OrderBy(a => a.Address), genesis.Allocations);
        Assert.All(genesis.Allocations, a => Assert.True(a.Units > 0));
    }

    [Fact]
    public void Build_ManyAllocations_AreAllThereInAddressOrder()
    {
        // Enough rows for the two-core sort and merge; CSV and a retro both pay some of the addresses.
        var random = new Random(7);
        var bytes = new byte[32];
        var rows = Enumerable.Range(0, 40_000).Select(i =>
        {
            random.NextBytes(bytes);
            return new CsvAllocation(QuilAddress.FromBytes(bytes), i + 1, i + 2);
        }).ToArray();
        var peers = Enumerable.Range(0, 500).Select(TestPeers.Make).ToArray();
        var genesis = Build(new SnapshotSet([Retro(3, peers.Select(p => (p, 1L)).ToArray())], null, null, [new CsvSnapshot("extra.csv", rows)]));

        var expected = rows.Select(r => new GenesisAllocation(r.Address, r.Units))
            .Concat(peers.Select(p => new GenesisAllocation(Fake.Derive(p), Quil)))
            .OrderBy(a => a.Address);
        Assert.Equal(expected, genesis.Allocations);
    }

    [Fact]
    public void Build_TotalOverTheSupplyCap_IsRefusedNamingWhereItCrossed()
    {
        var builder = new GenesisBuilder(GenesisSettings.Default with { SupplyCap = 10 * Quil }, Fake, Fake);
        var error = Assert.Throws<InvalidDataException>(() => builder.Build(new SnapshotSet([Retro(3, (Holder, 6), (Bridger, 5))], null, null, [])));
        Assert.StartsWith("third_retro.json[1]: the total of 88000000000 units exceeds the supply cap of 80000000000 units", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TotalExactlyAtTheCap_IsAccepted()
    {
        var builder = new GenesisBuilder(GenesisSettings.Default with { SupplyCap = 11 * Quil }, Fake, Fake);
        Assert.Equal(11 * Quil, (long)builder.Build(new SnapshotSet([Retro(3, (Holder, 6), (Bridger, 5))], null, null, [])).TotalUnits);
    }

    [Fact]
    public void Build_BalanceOverUint256_IsRefused()
    {
        var address = Fake.Derive(Holder);
        var csv = new CsvSnapshot("extra.csv", [new CsvAllocation(address, QuilAmount.MaxUnits, 2)]);
        var error = Assert.Throws<InvalidDataException>(() => Build(new SnapshotSet([Retro(3, (Holder, 1))], null, null, [csv])));
        Assert.StartsWith($"extra.csv:2: the balance of {address} would exceed 2^256 − 1 units", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DerivesEachPeerOnceInOneBatch()
    {
        var counting = new FakeAddressDerivation();
        new GenesisBuilder(GenesisSettings.Default, counting, counting).Build(new SnapshotSet([Retro(1, (Holder, 1)), Retro(3, (Holder, 1))], null, null, []));
        Assert.Equal(1, counting.PeerCalls);
    }

    [Fact]
    public void Build_SumsPast2To128_StayExact()
    {
        // The ledger sums in UInt128 and moves to BigInteger past 2^128; the figures must not notice.
        var address = Fake.Derive(Holder);
        var other = Fake.Derive(Bridger);
        var below = (BigInteger.One << 128) - 1;
        var csvs = new[]
        {
            new CsvSnapshot("a.csv", [new CsvAllocation(address, below, 2), new CsvAllocation(other, below, 3)]),
            new CsvSnapshot("b.csv", [new CsvAllocation(address, 1, 2), new CsvAllocation(other, 2, 3)]),
            new CsvSnapshot("c.csv", [new CsvAllocation(address, BigInteger.One << 200, 2)]),
        };
        var genesis = Build(new SnapshotSet([Retro(3, (Holder, 1))], null, null, csvs));

        Assert.Equal((BigInteger.One << 128) + (BigInteger.One << 200) + Quil, Balance(genesis, address));
        Assert.Equal((BigInteger.One << 128) + 1, Balance(genesis, other));
        Assert.Equal((BigInteger.One << 129) + (BigInteger.One << 200) + Quil + 1, genesis.TotalUnits);
        Assert.Equal(below * 2, genesis.Sources.Single(s => s.Source == "a.csv").Units);
    }

    [Fact]
    public void Build_CapAbove2To128_IsStillExact()
    {
        var cap = (BigInteger.One << 130) + 5;
        var builder = new GenesisBuilder(GenesisSettings.Default with { SupplyCap = cap }, Fake, Fake);
        var fits = new CsvSnapshot("a.csv", [new CsvAllocation(Fake.Derive(Holder), cap - 1, 2), new CsvAllocation(Fake.Derive(Bridger), 1, 3)]);
        Assert.Equal(cap, builder.Build(new SnapshotSet([], null, null, [fits])).TotalUnits);

        var over = new CsvSnapshot("a.csv", [new CsvAllocation(Fake.Derive(Holder), cap, 2), new CsvAllocation(Fake.Derive(Bridger), 1, 3)]);
        var error = Assert.Throws<InvalidDataException>(() => builder.Build(new SnapshotSet([], null, null, [over])));
        Assert.StartsWith($"a.csv:3: the total of {cap + 1} units exceeds the supply cap of {cap} units", error.Message, StringComparison.Ordinal);
    }

    private static TokenGenesis Build(SnapshotSet set) => new GenesisBuilder(GenesisSettings.Default, Fake, Fake).Build(set);

    private static BigInteger Balance(TokenGenesis genesis, QuilAddress address) =>
        genesis.Allocations.SingleOrDefault(a => a.Address == address).Units;

    private static RetroSnapshot Retro(int round, params (PeerId Peer, long Quil)[] rewards) =>
        new(RetroSnapshot.FileNames[round - 1], round, rewards.Select((r, i) => new RetroReward(r.Peer, r.Quil * Quil, i)).ToArray());

    private static BridgedSnapshot Bridged(params (PeerId Peer, long Quil)[] entries) =>
        new("bridged.json", entries.Select((e, i) => new BridgedEntry(new BridgedIdentifier(e.Peer.Text, e.Peer, null), e.Quil * Quil, "peer", i)).ToArray());
}
