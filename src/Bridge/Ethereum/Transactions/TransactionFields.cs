using System.Numerics;
using Rollout.Bridge.Ethereum.Rlp;

namespace Rollout.Bridge.Ethereum.Transactions;

/// <summary>RLP conversions of the fields transactions share, strict in both directions.</summary>
internal static class TransactionFields
{
    public static RlpItem To(Address? to) => to is null ? RlpItem.Of([]) : RlpItem.Of(to.Span);

    public static Address? ReadTo(RlpItem item)
    {
        var bytes = item.Bytes;
        return bytes.Length switch
        {
            0 => null,
            Address.Size => Address.FromBytes(bytes),
            _ => throw new InvalidDataException($"transaction.to: {bytes.Length} bytes, expected 0 or 20"),
        };
    }

    public static RlpItem AccessList(IReadOnlyList<AccessListEntry> entries) =>
        RlpItem.List(entries.Select(e => RlpItem.List(RlpItem.Of(e.Address.Span), RlpItem.List(e.StorageKeys.Select(k =>
            k.Length == 32 ? RlpItem.Of(k) : throw new InvalidDataException($"accessList: storage key of {k.Length} bytes, expected 32"))))));

    public static IReadOnlyList<AccessListEntry> ReadAccessList(RlpItem item) => item.Items.Select((entry, i) =>
    {
        if (entry.Items.Count != 2) throw new InvalidDataException($"transaction.accessList[{i}]: expected [address, keys]");
        var keys = entry.Items[1].Items.Select((k, j) => k.Bytes.Length == 32
            ? k.Bytes
            : throw new InvalidDataException($"transaction.accessList[{i}].storageKeys[{j}]: {k.Bytes.Length} bytes, expected 32")).ToArray();
        var address = entry.Items[0].Bytes;
        if (address.Length != Address.Size) throw new InvalidDataException($"transaction.accessList[{i}].address: {address.Length} bytes, expected 20");
        return new AccessListEntry(Address.FromBytes(address), keys);
    }).ToArray();

    public static RlpItem Integer(BigInteger value, string field, int bits = 256) =>
        RlpItem.Of(EvmInteger.Check(value, bits, false, field));
}
