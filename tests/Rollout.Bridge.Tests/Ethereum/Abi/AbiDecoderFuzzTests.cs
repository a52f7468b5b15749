using FsCheck;
using FsCheck.Fluent;
using Rollout.Bridge.Ethereum.Abi;

namespace Rollout.Bridge.Tests.Ethereum.Abi;

public sealed class AbiDecoderFuzzTests
{
    private static readonly AbiType[][] Shapes =
    [
        [AbiType.Parse("bytes")],
        [AbiType.Parse("(address,uint256)[]"), AbiType.Parse("string")],
        [AbiType.Parse("uint8[][2]"), AbiType.Parse("(bool,bytes)[]")],
        [AbiType.Parse("string[]")],
    ];

    [Fact]
    public void Decode_ArbitraryBytes_EitherDecodesOrSaysWhyNeverCrashes()
    {
        // Words with small values make offsets and lengths land inside the data often, which is where decoders break.
        var word = Gen.Elements<byte>(0, 0, 0, 1, 2, 0x20, 0x40, 0x60, 0xff);
        var data = Gen.ArrayOf(word).Select(b => b.Length > 400 ? b[..400] : b);
        Prop.ForAll(data.ToArbitrary(), Gen.Choose(0, Shapes.Length - 1).ToArbitrary(), (bytes, shape) =>
        {
            try
            {
                AbiDecoder.Decode(Shapes[shape], bytes);
            }
            catch (InvalidDataException)
            {
                // Refusing is fine; any other exception type is a crash.
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_WhatWasEncoded_GivesItBack()
    {
        var random = new RandomAbi(new Random(99));
        for (var i = 0; i < 200; i++)
        {
            var type = random.Type();
            var value = random.Value(type);
            Assert.True(RandomAbi.DeepEqual(value, AbiDecoder.Decode(type, AbiEncoder.Encode(type, value))), type.Canonical);
        }
    }
}
