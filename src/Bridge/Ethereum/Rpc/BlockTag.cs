using System.Globalization;

namespace Rollout.Bridge.Ethereum.Rpc;

/// <summary>A block parameter: a number or one of the named tags (latest, pending, safe, finalized, earliest).</summary>
public readonly record struct BlockTag
{
    private readonly string _text;

    private BlockTag(string text) => _text = text;

    /// <summary>The newest block the node has.</summary>
    public static BlockTag Latest { get; } = new("latest");

    /// <summary>The newest block plus the node's pending transactions (for nonces of queued transactions).</summary>
    public static BlockTag Pending { get; } = new("pending");

    /// <summary>The genesis block.</summary>
    public static BlockTag Earliest { get; } = new("earliest");

    /// <summary>The newest block the consensus layer calls safe.</summary>
    public static BlockTag Safe { get; } = new("safe");

    /// <summary>The newest finalized block.</summary>
    public static BlockTag Finalized { get; } = new("finalized");

    /// <summary>A block by number.</summary>
    public static BlockTag Number(ulong number) => new("0x" + number.ToString("x", CultureInfo.InvariantCulture));

    /// <summary>The JSON-RPC form.</summary>
    public override string ToString() => _text ?? "latest";
}
