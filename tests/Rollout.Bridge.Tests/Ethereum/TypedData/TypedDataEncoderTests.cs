using System.Numerics;
using System.Text.Json;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Bridge.Ethereum.TypedData;
using Rollout.Bridge.Tests.Ethereum.Abi;
using Rollout.TestSupport;

namespace Rollout.Bridge.Tests.Ethereum.TypedData;

using Types = Dictionary<string, IReadOnlyList<TypedDataField>>;
using Values = Dictionary<string, object?>;

public sealed class TypedDataEncoderTests
{
    private const string MailJson = """
        {
          "types": {
            "EIP712Domain": [{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
            "Person": [{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
            "Mail": [{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]
          },
          "primaryType": "Mail",
          "domain": {"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
          "message": {
            "from": {"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
            "to": {"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
            "contents": "Hello, Bob!"
          }
        }
        """;

    [Fact]
    public void Hash_TheEip712MailExample_GivesTheSpecsDigest()
    {
        var document = TypedDataDocument.FromJson(JsonDocument.Parse(MailJson).RootElement);
        Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)", TypedDataEncoder.EncodeType(document.Types, "Mail"));
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", Hex.Encode(TypedDataEncoder.DomainSeparator(document.Domain)));
        Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", Hex.Encode(document.Hash()));
    }

    [Fact]
    public void Hash_RandomTypesAndMessages_EqualsEthersTypedDataEncoder()
    {
        var random = new Random(712);
        var values = new RandomAbi(random);
        var cases = Enumerable.Range(0, 60).Select(_ => RandomDocument(random, values)).ToArray();
        var answer = JsonDocument.Parse(NodeOracle.Run("eth-712.mjs", JsonSerializer.Serialize(cases.Select(c => new
        {
            domain = Json(c.Domain),
            types = TypesJson(c.Types),
            message = Json(c.Message),
        })))).RootElement.EnumerateArray().ToArray();

        for (var i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            Assert.Equal(answer[i].GetProperty("primaryType").GetString(), TypedDataEncoder.InferPrimaryType(c.Types));
            Assert.Equal(answer[i].GetProperty("encodeType").GetString(), TypedDataEncoder.EncodeType(c.Types, c.PrimaryType));
            Assert.Equal(answer[i].GetProperty("domainSeparator").GetString(), Hex.Encode(TypedDataEncoder.DomainSeparator(c.Domain)));
            Assert.True(answer[i].GetProperty("hash").GetString() == Hex.Encode(c.Hash()), $"case {i}: {TypedDataEncoder.EncodeType(c.Types, c.PrimaryType)}");
        }
    }

    [Fact]
    public void SafeTxHash_RandomTransactions_EqualsEthers_AndSignsLikeEthers()
    {
        var random = new Random(1_5_0);
        var values = new RandomAbi(random);
        var secret = values.Bytes(32);
        secret[0] &= 0x7f;
        var cases = Enumerable.Range(0, 20).Select(i => (
            chainId: i == 0 ? new BigInteger(31337) : (BigInteger)values.Value(AbiType.UInt(64))! + 1,
            safe: (Address)values.Value(AbiType.Address)!,
            tx: new SafeTx((Address)values.Value(AbiType.Address)!, (BigInteger)values.Value(AbiType.UInt256)!, values.Bytes(random.Next(0, 100)),
                (byte)random.Next(2), (BigInteger)values.Value(AbiType.UInt(32))!, (BigInteger)values.Value(AbiType.UInt(32))!, (BigInteger)values.Value(AbiType.UInt(64))!,
                i % 2 == 0 ? Address.Zero : (Address)values.Value(AbiType.Address)!, Address.Zero, random.Next(0, 1000)))).ToArray();
        var documents = cases.Select(c => c.tx.ToTypedData(c.chainId, c.safe)).ToArray();
        var answer = JsonDocument.Parse(NodeOracle.Run("eth-712.mjs", JsonSerializer.Serialize(documents.Select(d => new
        {
            domain = Json(d.Domain),
            types = TypesJson(d.Types),
            message = Json(d.Message),
            key = Hex.Encode(secret),
        })))).RootElement.EnumerateArray().ToArray();

        using var key = Secp256k1Key.FromPrivateKey(secret);
        for (var i = 0; i < cases.Length; i++)
        {
            var hash = cases[i].tx.Hash(cases[i].chainId, cases[i].safe);
            Assert.Equal(answer[i].GetProperty("hash").GetString(), Hex.Encode(hash));
            Assert.Equal(answer[i].GetProperty("signature").GetString(), Hex.Encode(key.Sign(hash).ToBytes()));
        }
    }

    [Fact]
    public void HashStruct_MissingMember_NamesIt()
    {
        var types = new Types { ["Person"] = [new("name", "string"), new("wallet", "address")] };
        var error = Assert.Throws<InvalidDataException>(() => TypedDataEncoder.HashStruct(types, "Person", new Values { ["name"] = "Cow" }));
        Assert.Equal("Person.wallet: missing", error.Message);
    }

    [Fact]
    public void HashStruct_UnknownMember_IsRejected()
    {
        var types = new Types { ["Person"] = [new("name", "string")] };
        Assert.Throws<InvalidDataException>(() => TypedDataEncoder.HashStruct(types, "Person", new Values { ["name"] = "Cow", ["age"] = 3 }));
    }

    [Fact]
    public void DomainSeparator_UnknownField_IsRejected() =>
        Assert.Throws<InvalidDataException>(() => TypedDataEncoder.DomainSeparator(new Values { ["chain"] = 1 }));

    private static TypedDataDocument RandomDocument(Random random, RandomAbi values)
    {
        string[] pool = ["Zeta", "Alpha", "Mail", "Person", "Batch", "Entry", "Order", "A", "B2"];
        var names = pool.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).ToArray();
        var types = new Types(StringComparer.Ordinal);
        var fields = names.Select(_ => new List<TypedDataField>()).ToArray();
        for (var j = 1; j < names.Length; j++)
        {
            // Every struct is reachable from the first, which makes it the one primary type ethers infers.
            var parent = random.Next(0, j);
            fields[parent].Add(new TypedDataField("f" + fields[parent].Count, names[j] + (random.Next(3) == 0 ? "[]" : "")));
        }
        for (var i = 0; i < names.Length; i++)
        {
            for (var k = random.Next(i == 0 && names.Length == 1 ? 1 : 0, 5); k > 0; k--)
            {
                var type = values.Type(2);
                var typeName = random.Next(4) == 0 ? type.Canonical + (random.Next(2) == 0 ? "[]" : "[2]") : type.Canonical;
                fields[i].Add(new TypedDataField("m" + fields[i].Count, typeName));
            }
            if (fields[i].Count == 0) fields[i].Add(new TypedDataField("only", "uint256"));
            types[names[i]] = fields[i].OrderBy(_ => random.Next()).ToArray();
        }
        var domain = new Values(StringComparer.Ordinal);
        if (random.Next(2) == 0) domain["name"] = "Rollout " + random.Next(100);
        if (random.Next(2) == 0) domain["version"] = random.Next(5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (random.Next(3) > 0) domain["chainId"] = new BigInteger(random.Next(1, 100_000));
        if (random.Next(3) > 0) domain["verifyingContract"] = values.Value(AbiType.Address);
        if (random.Next(3) == 0) domain["salt"] = values.Bytes(32);
        return new TypedDataDocument(types, names[0], domain, Message(types, names[0], values, random));
    }

    private static Values Message(Types types, string name, RandomAbi values, Random random)
    {
        var message = new Values(StringComparer.Ordinal);
        foreach (var field in types[name]) message[field.Name] = Value(types, field.Type, values, random);
        return message;
    }

    private static object? Value(Types types, string type, RandomAbi values, Random random)
    {
        if (type.EndsWith("[]", StringComparison.Ordinal)) return Enumerable.Range(0, random.Next(0, 3)).Select(_ => Value(types, type[..^2], values, random)).ToArray();
        if (type.EndsWith("[2]", StringComparison.Ordinal)) return Enumerable.Range(0, 2).Select(_ => Value(types, type[..^3], values, random)).ToArray();
        return types.ContainsKey(type) ? Message(types, type, values, random) : values.Value(AbiType.Parse(type));
    }

    private static Dictionary<string, object[]> TypesJson(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types) =>
        types.ToDictionary(t => t.Key, t => t.Value.Select(f => (object)new { name = f.Name, type = f.Type }).ToArray());

    private static object? Json(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> members => members.ToDictionary(m => m.Key, m => Json(m.Value)),
        object?[] items => items.Select(Json).ToArray(),
        _ => RandomAbi.Json(value),
    };
}
