using System.Numerics;
using System.Runtime.InteropServices;
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
        var entries = 1 + snapshots.Retros.Sum(r => r.Rewards.Count) + (snapshots.Vouchers?.Vouchers.Count ?? 0) + snapshots.Csv.Sum(c => c.Allocations.Count);
        var ledger = new GenesisLedger(settings.SupplyCap, entries);
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
            if (!bridgeUnits.IsZero) ledger.Add(settings.BridgeAddress, bridgeUnits, EntryLocation.Sum(bridged.FileName));
            sources.Add(new GenesisSourceTotal(bridged.FileName, bridged.Entries.Count, bridged.Entries.Count, 0, bridgeUnits));
        }

        var (addresses, slots) = DerivePeerAddresses(snapshots.Retros, bridgedPeers);
        // The reference's order: first retro, vouchers, then the second, third and fourth retro.
        var retros = snapshots.Retros.Select((r, i) => (Retro: r, Slots: slots[i])).ToDictionary(r => r.Retro.Round);
        if (retros.TryGetValue(1, out var first)) sources.Add(ApplyRetro(first.Retro, first.Slots, addresses, ledger));
        if (snapshots.Vouchers is { } vouchers) sources.Add(ApplyVouchers(vouchers, bridgedKeys, ledger));
        for (var round = 2; round <= 4; round++)
        {
            if (retros.TryGetValue(round, out var retro)) sources.Add(ApplyRetro(retro.Retro, retro.Slots, addresses, ledger));
        }
        foreach (var csv in snapshots.Csv)
        {
            var units = new ExactSum();
            foreach (var row in csv.Allocations)
            {
                ledger.Add(row.Address, row.Units, EntryLocation.AtLine(csv.FileName, row.Line));
                units.Add(row.Units);
            }
            sources.Add(new GenesisSourceTotal(csv.FileName, csv.Allocations.Count, csv.Allocations.Count, 0, units.Value));
        }

        return new TokenGenesis(ledger.SortedAllocations(), sources, settings.BridgeAddress, bridgeUnits, ledger.Total, settings.SupplyCap);
    }

    /// <summary>
    /// Derives every distinct paid peer's address once, in first-seen order, and gives each retro entry
    /// the slot of its address (−1 when the entry is excluded as bridged), so applying a retro needs no
    /// second lookup by peer ID.
    /// </summary>
    private (QuilAddress[] Addresses, int[][] Slots) DerivePeerAddresses(IReadOnlyList<RetroSnapshot> retros, HashSet<PeerId> bridgedPeers)
    {
        if (retros.Count == 1) return DeriveOneRetro(retros[0], bridgedPeers);
        var slotOf = new Dictionary<PeerId, int>(retros.Count == 0 ? 0 : retros.Max(r => r.Rewards.Count));
        var peers = new List<PeerId>();
        var slots = new int[retros.Count][];
        for (var r = 0; r < retros.Count; r++)
        {
            var retro = retros[r];
            var excludes = retro.ExcludesBridged && bridgedPeers.Count > 0;
            var retroSlots = slots[r] = new int[retro.Rewards.Count];
            for (var i = 0; i < retroSlots.Length; i++)
            {
                var peer = retro.Rewards[i].PeerId;
                if (excludes && bridgedPeers.Contains(peer))
                {
                    retroSlots[i] = -1;
                    continue;
                }
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(slotOf, peer, out var exists);
                if (!exists)
                {
                    slot = peers.Count;
                    peers.Add(peer);
                }
                retroSlots[i] = slot;
            }
        }
        var addresses = peers.Count == 0 ? [] : peerAddresses.DeriveAll(peers);
        if (addresses.Length != peers.Count) throw new InvalidOperationException($"the address derivation returned {addresses.Length} addresses for {peers.Count} peers");
        return (addresses, slots);
    }

    /// <summary>
    /// One retro file needs no dictionary across files: its reader already refused a peer listed twice, so
    /// entry i's address is slot i (a hand-built snapshot that repeats a peer only has it derived twice).
    /// </summary>
    private (QuilAddress[] Addresses, int[][] Slots) DeriveOneRetro(RetroSnapshot retro, HashSet<PeerId> bridgedPeers)
    {
        var excludes = retro.ExcludesBridged && bridgedPeers.Count > 0;
        var slots = new int[retro.Rewards.Count];
        var peers = new List<PeerId>(slots.Length);
        for (var i = 0; i < slots.Length; i++)
        {
            var peer = retro.Rewards[i].PeerId;
            if (excludes && bridgedPeers.Contains(peer))
            {
                slots[i] = -1;
                continue;
            }
            slots[i] = peers.Count;
            peers.Add(peer);
        }
        var addresses = peers.Count == 0 ? [] : peerAddresses.DeriveAll(peers);
        if (addresses.Length != peers.Count) throw new InvalidOperationException($"the address derivation returned {addresses.Length} addresses for {peers.Count} peers");
        return (addresses, [slots]);
    }

    private static GenesisSourceTotal ApplyRetro(RetroSnapshot retro, int[] slots, QuilAddress[] addresses, GenesisLedger ledger)
    {
        var units = new ExactSum();
        var excluded = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] < 0)
            {
                excluded++;
                continue;
            }
            var reward = retro.Rewards[i];
            ledger.Add(addresses[slots[i]], reward.Units, EntryLocation.AtIndex(retro.FileName, reward.Index));
            units.Add(reward.Units);
        }
        return new GenesisSourceTotal(retro.FileName, retro.Rewards.Count, retro.Rewards.Count - excluded, excluded, units.Value);
    }

    private GenesisSourceTotal ApplyVouchers(VoucherSnapshot vouchers, HashSet<string> bridgedKeys, GenesisLedger ledger)
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
            ledger.Add(voucherAddresses.Derive(voucher.Key), VoucherSnapshot.UnitsPerVoucher, EntryLocation.AtIndex(vouchers.FileName, voucher.Index));
            units += VoucherSnapshot.UnitsPerVoucher;
        }
        return new GenesisSourceTotal(vouchers.FileName, vouchers.Vouchers.Count, vouchers.Vouchers.Count - excluded, excluded, units);
    }
}
