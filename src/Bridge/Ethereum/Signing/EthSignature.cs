using System.Numerics;

namespace Rollout.Bridge.Ethereum.Signing;

/// <summary>A secp256k1 signature as Ethereum uses it: r, s (low form) and the recovery bit y-parity.</summary>
/// <param name="R">The x coordinate of the nonce point, mod n.</param>
/// <param name="S">The proof scalar, at most n/2.</param>
/// <param name="YParity">0 or 1: which of the two candidate points recovers the public key.</param>
public sealed record EthSignature(BigInteger R, BigInteger S, int YParity)
{
    /// <summary>The 65-byte r‖s‖v form with v = 27 + y-parity, as <c>personal_sign</c> and Safe use it.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[65];
        EvmInteger.WriteWord(R, 256, false, bytes.AsSpan(0, 32));
        EvmInteger.WriteWord(S, 256, false, bytes.AsSpan(32, 32));
        bytes[64] = (byte)(27 + YParity);
        return bytes;
    }

    /// <summary>Reads the 65-byte r‖s‖v form; v may be 27/28 or 0/1.</summary>
    public static EthSignature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65) throw new InvalidDataException($"signature: {bytes.Length} bytes, expected 65 (r, s, v)");
        var v = bytes[64];
        var parity = v switch
        {
            0 or 27 => 0,
            1 or 28 => 1,
            _ => throw new InvalidDataException($"signature: v = {v} is not 27, 28, 0 or 1"),
        };
        return new EthSignature(
            new BigInteger(bytes[..32], isUnsigned: true, isBigEndian: true),
            new BigInteger(bytes[32..64], isUnsigned: true, isBigEndian: true),
            parity);
    }
}
