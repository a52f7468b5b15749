namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>
/// An <c>eth_getLogs</c> filter. <paramref name="Topics"/> holds one entry per position: null matches
/// anything, otherwise any of the listed 32-byte values.
/// </summary>
/// <param name="FromBlock">First block (inclusive).</param>
/// <param name="ToBlock">Last block (inclusive).</param>
/// <param name="Addresses">Contracts to match; empty matches all.</param>
/// <param name="Topics">Per-position alternatives.</param>
public sealed record LogFilter(BlockTag FromBlock, BlockTag ToBlock, IReadOnlyList<Address> Addresses, IReadOnlyList<IReadOnlyList<byte[]>?>? Topics = null)
{
    internal Dictionary<string, object?> ToJson()
    {
        var json = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["fromBlock"] = FromBlock.ToString(),
            ["toBlock"] = ToBlock.ToString(),
        };
        if (Addresses.Count > 0) json["address"] = Addresses.Select(a => a.ToLowerHex()).ToArray();
        if (Topics is { Count: > 0 }) json["topics"] = Topics.Select(t => t?.Select(v => Hex.Encode(v)).ToArray()).ToArray();
        return json;
    }
}
