using System.Numerics;

namespace Rollout.Token.Snapshots;

/// <summary>The contents of <c>ceremony_vouchers.json</c>.</summary>
public sealed record VoucherSnapshot(string FileName, IReadOnlyList<CeremonyVoucher> Vouchers)
{
    /// <summary>The file's name in a snapshot folder.</summary>
    public const string DefaultFileName = "ceremony_vouchers.json";

    /// <summary>What one voucher is worth: 50 QUIL, as in the reference.</summary>
    public static readonly BigInteger UnitsPerVoucher = 50 * (BigInteger)QuilAmount.UnitsPerQuil;
}
