using FsCheck;
using FsCheck.Fluent;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rlp;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.Transactions;

namespace Rollout.Bridge.Tests.Ethereum.Transactions;

public sealed class SignedTransactionFuzzTests
{
    [Fact]
    public void Decode_CorruptedSignedBytes_EitherDecodesOrSaysWhyNeverCrashes()
    {
        using var key = Secp256k1Key.FromPrivateKey(Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        byte[][] originals =
        [
            new Eip1559Transaction(1, 7, 2, 3, 21_000, Address.Zero, 5, [1, 2, 3]).Sign(key).RawBytes,
            new LegacyTransaction(7, 3, 21_000, null, 5, new byte[60], 1).Sign(key).RawBytes,
        ];
        var gen = Gen.Choose(0, 1).SelectMany(which => Gen.Choose(0, originals[which].Length - 1).SelectMany(at =>
            ArbMap.Default.GeneratorFor<byte>().Select(value => (which, at, value))));
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var bytes = (byte[])originals[c.which].Clone();
            bytes[c.at] = c.value;
            try
            {
                var decoded = SignedTransaction.Decode(bytes);
                // Whatever decodes must re-encode to exactly the bytes given: no second encoding of one transaction.
                return decoded.RawBytes.AsSpan().SequenceEqual(bytes);
            }
            catch (InvalidDataException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RlpDecode_ArbitraryBytes_EitherDecodesCanonicallyOrSaysWhy() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            try
            {
                return RlpCodec.Encode(RlpCodec.Decode(bytes)).AsSpan().SequenceEqual(bytes);
            }
            catch (InvalidDataException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
}
