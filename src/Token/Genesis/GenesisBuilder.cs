using System.Numerics;
using Rollout.Mesh.Identity;
using Rollout.Token.Addressing;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Genesis;

/// <summary>
/// Applies the reference rules (token_genesis.go) to a snapshot folder's contents: identifiers in
/// <c>bridged.json</c> are not paid by the first and second retro nor by the vouchers (the third and
/// fourth retro pay them); the bridged amounts go, summed, to the bridge address; every source paying
/// one address adds up. Totals are exact integers checked against 2^256 − 1 per address and against
/// the supply cap overall; an address whose total is zero gets no allocation.
/// </summary>
public sealed class GenesisBuilder(GenesisSettings settings, IPeerAddressDerivation peerAddresses, IKeyAddressDerivation voucherAddresses)
{
    /// <summary>Builds the genesis; throws <see cref="InvalidDataException"/> naming the file and index when a limit is crossed.</summary>
    public TokenGenesis Build(SnapshotSet snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var ledger = new Ledger(settings.SupplyCap);
        var sources = new List<GenesisSourceTotal>();

        var bridgedPeers = new HashSet<PeerId>();
        var bridgedKeys = new HashSet<string>(StringComparer.Ordinal);
        var bridgeUnits = BigInteger.Zero;
        if (snapshots.Bridged is { } bridged)
        {
            foreach (var entry in bridged.Entries)
            {
                bridgeUnits += entry.Units;
                if (entry.Identifier.PeerId is { } peer) bridgedPeers.Add(peer);
                else bridgedKeys.Add(entry.Identifier.VoucherKeyHex!);
            }
            if (bridgeUnits > QuilAmount.MaxUnits) throw SnapshotError.InFile(bridged.FileName, "the bridged amounts add up to more than 2^256 − 1 units");
            if (!bridgeUnits.IsZero) ledger.Add(settings.BridgeAddress, bridgeUnits, bridged.FileName + " (sum)");
            sources.Add(new GenesisSourceTotal(bridged.FileName, bridged.Entries.Count, bridged.Entries.Count, 0, bridgeUnits));
        }

        var addressOf = DerivePeerAddresses(snapshots.Retros, bridgedPeers);
        // The reference's order: first retro, vouchers, then the second, third and fourth retro.
        var retros = snapshots.Retros.ToDictionary(r => r.Round);
        if (retros.TryGetValue(1, out var first)) sources.Add(ApplyRetro(first, bridgedPeers, addressOf, ledger));
        if (snapshots.Vouchers is { } vouchers) sources.Add(ApplyVouchers(vouchers, bridgedKeys, ledger));
        for (var round = 2; round <= 4; round++)
        {
            if (retros.TryGetValue(round, out var retro)) sources.Add(ApplyRetro(retro, bridgedPeers, addressOf, ledger));
        }
        foreach (var csv in snapshots.Csv)
        {
            var units = BigInteger.Zero;
            foreach (var row in csv.Allocations)
            {
                ledger.Add(row.Address, row.Units, $"{csv.FileName}:{row.Line}");
                units += row.Units;
            }
            sources.Add(new GenesisSourceTotal(csv.FileName, csv.Allocations.Count, csv.Allocations.Count, 0, units));
        }

        return new TokenGenesis(ledger.SortedAllocations(), sources, settings.BridgeAddress, bridgeUnits, ledger.Total, settings.SupplyCap);
    }

    private Dictionary<PeerId, QuilAddress> DerivePeerAddresses(IReadOnlyList<RetroSnapshot> retros, HashSet<PeerId> bridgedPeers)
    {
        var unique = new HashSet<PeerId>();
        var peers = new List<PeerId>();
        foreach (var retro in retros)
        {
            foreach (var reward in retro.Rewards)
            {
                if (retro.ExcludesBridged && bridgedPeers.Contains(reward.PeerId)) continue;
                if (unique.Add(reward.PeerId)) peers.Add(reward.PeerId);
            }
        }
        var addresses = peers.Count == 0 ? [] : peerAddresses.DeriveAll(peers);
        if (addresses.Length != peers.Count) throw new InvalidOperationException($"the address derivation returned {addresses.Length} addresses for {peers.Count} peers");
        var map = new Dictionary<PeerId, QuilAddress>(peers.Count);
        for (var i = 0; i < peers.Count; i++) map[peers[i]] = addresses[i];
        return map;
    }

    private static GenesisSourceTotal ApplyRetro(RetroSnapshot retro, HashSet<PeerId> bridgedPeers, Dictionary<PeerId, QuilAddress> addressOf, Ledger ledger)
    {
        var units = BigInteger.Zero;
        var excluded = 0;
        foreach (var reward in retro.Rewards)
        {
            if (retro.ExcludesBridged && bridgedPeers.Contains(reward.PeerId))
            {
                excluded++;
                continue;
            }
            ledger.Add(addressOf[reward.PeerId], reward.Units, $"{retro.FileName}[{reward.Index}]");
            units += reward.Units;
        }
        return new GenesisSourceTotal(retro.FileName, retro.Rewards.Count, retro.Rewards.Count - excluded, excluded, units);
    }

    private GenesisSourceTotal ApplyVouchers(VoucherSnapshot vouchers, HashSet<string> bridgedKeys, Ledger ledger)
    {
        var units = BigInteger.Zero;
        var excluded = 0;
        foreach (var voucher in vouchers.Vouchers)
        {
            if (bridgedKeys.Contains(voucher.KeyHex))
            {
                excluded++;
                continue;
            }
            ledger.Add(voucherAddresses.Derive(voucher.Key), VoucherSnapshot.UnitsPerVoucher, $"{vouchers.FileName}[{voucher.Index}]");
            units += VoucherSnapshot.UnitsPerVoucher;
        }
        return new GenesisSourceTotal(vouchers.FileName, vouchers.Vouchers.Count, vouchers.Vouchers.Count - excluded, excluded, units);
    }

    /// <summary>Balances by address with the running total; owned by one build.</summary>
    private sealed class Ledger(BigInteger supplyCap)
    {
        private readonly Dictionary<QuilAddress, BigInteger> _balances = [];

        public BigInteger Total { get; private set; }

        public void Add(QuilAddress address, BigInteger units, string where)
        {
            var balance = _balances.GetValueOrDefault(address) + units;
            if (balance > QuilAmount.MaxUnits) throw new InvalidDataException($"{where}: the balance of {address} would exceed 2^256 − 1 units");
            Total += units;
            if (Total > supplyCap) throw new InvalidDataException($"{where}: the total of {Total} units exceeds the supply cap of {supplyCap} units");
            _balances[address] = balance;
        }

        public GenesisAllocation[] SortedAllocations()
        {
            var allocations = _balances.Where(b => !b.Value.IsZero).Select(b => new GenesisAllocation(b.Key, b.Value)).ToArray();
            Array.Sort(allocations, static (a, b) => a.Address.CompareTo(b.Address));
            return allocations;
        }
    }
}
