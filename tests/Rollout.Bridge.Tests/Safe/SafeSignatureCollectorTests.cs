using System.Numerics;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Safe;

namespace Rollout.Bridge.Tests.Safe;

public sealed class SafeSignatureCollectorTests : IDisposable
{
    private static readonly Address SafeAddress = Address.Parse("0x00000000000000000000000000000000000005af");
    private readonly Secp256k1Key[] _owners = [Secp256k1Key.Generate(), Secp256k1Key.Generate(), Secp256k1Key.Generate()];
    private readonly SafeTxProposal _proposal = SafeTxProposal.Call(SafeAddress, 31337, Address.Parse("0x00000000000000000000000000000000000000aa"), [0x3f, 0x4b, 0xa8, 0x3a], 4);

    public void Dispose()
    {
        foreach (var owner in _owners) owner.Dispose();
    }

    [Fact]
    public void Packed_OrdersSignaturesByOwnerAddressAscending_WhateverTheArrivalOrder()
    {
        var collector = NewCollector();
        var signatures = _owners.Select(o => SafeSignature.SignHash(_proposal.SafeTxHash, o)).ToArray();
        foreach (var signature in signatures.Reverse()) Assert.Null(collector.Add(signature));

        var packed = collector.Packed();

        var expectedOrder = signatures.OrderBy(s => new BigInteger(s.Owner.Span, isUnsigned: true, isBigEndian: true)).ToArray();
        Assert.Equal(expectedOrder.SelectMany(s => s.Signature).ToArray(), packed);
        for (var i = 0; i < expectedOrder.Length; i++)
        {
            var chunk = packed.AsSpan(i * 65, 65);
            Assert.Equal(expectedOrder[i].Owner, SignatureRecovery.RecoverAddress(_proposal.SafeTxHash, EthSignature.FromBytes(chunk)));
            Assert.True(chunk[64] is 27 or 28);
        }
    }

    [Fact]
    public void Add_NonOwner_IsRefused()
    {
        using var outsider = Secp256k1Key.Generate();
        var collector = NewCollector();

        var refusal = collector.Add(SafeSignature.SignHash(_proposal.SafeTxHash, outsider));

        Assert.Equal($"{outsider.Address} is not an owner of the Safe", refusal);
        Assert.Equal(0, collector.Count);
    }

    [Fact]
    public void Add_SameOwnerTwice_IsRefusedTheSecondTime()
    {
        var collector = NewCollector();
        Assert.Null(collector.Add(SafeSignature.SignHash(_proposal.SafeTxHash, _owners[0])));

        var refusal = collector.Add(SafeSignature.SignHash(_proposal.SafeTxHash, _owners[0]));

        Assert.Equal($"{_owners[0].Address} has already signed", refusal);
        Assert.Equal(1, collector.Count);
        Assert.False(collector.HasThreshold);
        Assert.Throws<InvalidOperationException>(() => collector.Packed());
    }

    [Fact]
    public void Add_SignatureMadeOverAnotherHash_ButLabelledWithThisOne_IsRefused()
    {
        var other = (_proposal with { Tx = _proposal.Tx with { Nonce = 5 } }).SafeTxHash;
        var signedOther = SafeSignature.SignHash(other, _owners[1]);
        var relabelled = signedOther with { SafeTxHash = _proposal.SafeTxHash };
        var collector = NewCollector();

        Assert.Contains("is for SafeTx", collector.Add(signedOther), StringComparison.Ordinal);
        Assert.Contains("made over another hash", collector.Add(relabelled), StringComparison.Ordinal);
        Assert.Equal(0, collector.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    public void Add_VOtherThan27Or28_IsRefused(byte v)
    {
        var signature = SafeSignature.SignHash(_proposal.SafeTxHash, _owners[0]);
        var bytes = (byte[])signature.Signature.Clone();
        bytes[64] = v;

        Assert.Contains("v = 27 or 28", NewCollector().Add(signature with { Signature = bytes }), StringComparison.Ordinal);
    }

    [Fact]
    public void SignatureFile_RoundTrips_AndSignsTheProposalsHash()
    {
        var signature = SafeSignature.Sign(_proposal.Tx, _proposal.ChainId, _proposal.Safe, _owners[2]);

        var read = SafeSignature.FromJson(signature.ToJson(), "sig.json");

        Assert.Equal(signature.SafeTxHash, read.SafeTxHash);
        Assert.Equal(_proposal.SafeTxHash, read.SafeTxHash);
        Assert.Equal(_owners[2].Address, read.Owner);
        Assert.Equal(signature.Signature, read.Signature);
        Assert.Equal(_owners[2].Address, read.RecoverSigner());
    }

    [Fact]
    public void SignatureFile_ShortSignature_NamesTheField()
    {
        var json = SafeSignature.SignHash(_proposal.SafeTxHash, _owners[0]).ToJson().Replace("\"signature\": \"0x", "\"signature\": \"0x00", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => SafeSignature.FromJson(json, "sig.json"));

        Assert.Equal("sig.json.signature: 66 bytes, expected 65 (r, s, v)", error.Message);
    }

    private SafeSignatureCollector NewCollector() => new(_proposal.SafeTxHash, _owners.Select(o => o.Address), 2);
}
