using Rollout.Mesh.Identity;

namespace Rollout.Token.Snapshots;

/// <summary>
/// Who bridged: a peer ID (excluded from the first and second retro) or a ceremony voucher key written
/// "0x" + hex (excluded from the vouchers). Exactly one of <see cref="PeerId"/> and <see cref="VoucherKeyHex"/> is set.
/// </summary>
public sealed record BridgedIdentifier(string Text, PeerId? PeerId, string? VoucherKeyHex)
{
    /// <summary>Parses an identifier, or says why it is neither a peer ID nor a voucher key.</summary>
    public static bool TryParse(string text, out BridgedIdentifier? identifier, out string error)
    {
        identifier = null;
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            if (!VoucherKeyText.TryParse(text, out _, out var hex, out error)) return false;
            identifier = new BridgedIdentifier(text, null, hex);
            return true;
        }
        if (!PeerId.TryParse(text, out var peerId, out error))
        {
            error = $"{SnapshotText.Quote(text)} is not a peer ID: {error}";
            return false;
        }
        identifier = new BridgedIdentifier(text, peerId, null);
        return true;
    }
}
