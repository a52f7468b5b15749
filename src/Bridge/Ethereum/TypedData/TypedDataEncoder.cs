using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Rollout.Bridge.Ethereum.Abi;
using Rollout.Token.Hashing;

namespace Rollout.Bridge.Ethereum.TypedData;

/// <summary>
/// EIP-712 hashing: <c>encodeType</c> (the primary type, then every referenced struct type sorted by
/// name), <c>typeHash</c>, <c>hashStruct</c> (dynamic members hashed, structs and arrays hashed
/// recursively), the domain separator and the final digest.
/// </summary>
public static class TypedDataEncoder
{
    private static readonly (string Name, string Type)[] DomainFieldOrder =
        [("name", "string"), ("version", "string"), ("chainId", "uint256"), ("verifyingContract", "address"), ("salt", "bytes32")];

    /// <summary>The digest: Keccak-256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(primaryType, message)).</summary>
    public static byte[] Hash(
        IReadOnlyDictionary<string, object?> domain,
        IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types,
        string primaryType,
        IReadOnlyDictionary<string, object?> message) =>
        Keccak256.Hash([0x19, 0x01, .. DomainSeparator(domain), .. HashStruct(types, primaryType, message)]);

    /// <summary>
    /// hashStruct of the domain, whose <c>EIP712Domain</c> type holds exactly the fields present, in
    /// the standard order name, version, chainId, verifyingContract, salt (as wallets and ethers build it).
    /// </summary>
    public static byte[] DomainSeparator(IReadOnlyDictionary<string, object?> domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        foreach (var key in domain.Keys)
        {
            if (!DomainFieldOrder.Any(f => f.Name == key)) throw new InvalidDataException($"domain.{key}: not an EIP-712 domain field");
        }
        var fields = DomainFieldOrder.Where(f => domain.ContainsKey(f.Name)).Select(f => new TypedDataField(f.Name, f.Type)).ToArray();
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal) { ["EIP712Domain"] = fields };
        return HashStruct(types, "EIP712Domain", domain);
    }

    /// <summary>The type encoding, e.g. <c>Mail(Person from,Person to,string contents)Person(string name,address wallet)</c>.</summary>
    public static string EncodeType(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string primaryType)
    {
        ArgumentNullException.ThrowIfNull(types);
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        Collect(types, primaryType, referenced, primaryType);
        referenced.Remove(primaryType);
        return string.Concat(new[] { primaryType }.Concat(referenced).Select(name =>
            $"{name}({string.Join(",", Fields(types, name).Select(f => $"{f.Type} {f.Name}"))})"));
    }

    /// <summary>Keccak-256 of <see cref="EncodeType"/>.</summary>
    public static byte[] TypeHash(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string primaryType) =>
        Keccak256.Hash(Encoding.UTF8.GetBytes(EncodeType(types, primaryType)));

    /// <summary>hashStruct(value) = Keccak-256(typeHash ‖ encodeData(value)).</summary>
    public static byte[] HashStruct(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string typeName, IReadOnlyDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var output = new MemoryStream();
        output.Write(TypeHash(types, typeName));
        foreach (var field in Fields(types, typeName))
        {
            if (!value.TryGetValue(field.Name, out var member)) throw new InvalidDataException($"{typeName}.{field.Name}: missing");
            output.Write(EncodeValue(types, field.Type, member, $"{typeName}.{field.Name}"));
        }
        foreach (var key in value.Keys)
        {
            // ethers rejects unknown members too: silently ignoring one would sign something other than what the caller meant.
            if (!Fields(types, typeName).Any(f => f.Name == key)) throw new InvalidDataException($"{typeName}.{key}: not a member of {typeName}");
        }
        return Keccak256.Hash(output.ToArray());
    }

    /// <summary>
    /// The primary type of a set of struct types, found as ethers finds it: the one type no other
    /// type references. Fails when there is none or more than one.
    /// </summary>
    public static string InferPrimaryType(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var names = types.Keys.Where(k => k != "EIP712Domain").ToArray();
        var referenced = names.SelectMany(n => types[n]).Select(f => BaseType(f.Type)).ToHashSet(StringComparer.Ordinal);
        var roots = names.Where(n => !referenced.Contains(n)).ToArray();
        return roots.Length == 1 ? roots[0] : throw new InvalidDataException($"types: {roots.Length} candidate primary types ({string.Join(", ", roots)}), expected exactly one");
    }

    private static byte[] EncodeValue(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string type, object? value, string path)
    {
        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var element = type[..open];
            var lengthText = type[(open + 1)..^1];
            if (value is string or null || value is not IEnumerable enumerable) throw new InvalidDataException($"{path}: expected an array");
            var items = enumerable.Cast<object?>().ToArray();
            if (lengthText.Length > 0 && items.Length != int.Parse(lengthText, CultureInfo.InvariantCulture))
            {
                throw new InvalidDataException($"{path}: {type} needs {lengthText} items, got {items.Length}");
            }
            var concatenated = new MemoryStream();
            for (var i = 0; i < items.Length; i++) concatenated.Write(EncodeValue(types, element, items[i], $"{path}[{i}]"));
            return Keccak256.Hash(concatenated.ToArray());
        }
        if (types.ContainsKey(type))
        {
            var members = value as IReadOnlyDictionary<string, object?> ?? throw new InvalidDataException($"{path}: expected a {type} struct");
            return HashStruct(types, type, members);
        }
        AbiType abiType;
        try
        {
            abiType = AbiType.Parse(type);
        }
        catch (InvalidDataException)
        {
            throw new InvalidDataException($"{path}: \"{type}\" is neither an ABI type nor a struct type");
        }
        return abiType.Kind switch
        {
            AbiTypeKind.String => Keccak256.Hash(Encoding.UTF8.GetBytes(value as string ?? throw new InvalidDataException($"{path}: expected a string"))),
            AbiTypeKind.Bytes => Keccak256.Hash(ToBytes(value, path)),
            AbiTypeKind.UInt or AbiTypeKind.Int => AbiEncoder.Encode(abiType, ToInteger(value, path)),
            AbiTypeKind.FixedBytes => AbiEncoder.Encode(abiType, ToBytes(value, path)),
            AbiTypeKind.Address or AbiTypeKind.Bool => AbiEncoder.Encode(abiType, value),
            _ => throw new InvalidDataException($"{path}: \"{type}\" is not allowed in EIP-712 (tuples are written as struct types)"),
        };
    }

    private static BigInteger ToInteger(object? value, string path) => value switch
    {
        string text when text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => Hex.DecodeQuantity(text, path),
        string text when BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string text => throw new InvalidDataException($"{path}: \"{text}\" is not an integer"),
        _ => Abi.AbiValues.ToInteger(value, path),
    };

    private static byte[] ToBytes(object? value, string path) => value switch
    {
        string text => Hex.Decode(text.StartsWith("0x", StringComparison.Ordinal) ? text : throw new InvalidDataException($"{path}: bytes must be 0x-prefixed hex"), path),
        _ => Abi.AbiValues.ToBytes(value, path),
    };

    private static IReadOnlyList<TypedDataField> Fields(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string name) =>
        types.TryGetValue(name, out var fields) ? fields : throw new InvalidDataException($"types: struct type \"{name}\" is not defined");

    private static void Collect(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string name, SortedSet<string> found, string path)
    {
        if (!found.Add(name)) return;
        foreach (var field in Fields(types, name))
        {
            var baseType = BaseType(field.Type);
            if (types.ContainsKey(baseType)) Collect(types, baseType, found, $"{path}.{field.Name}");
        }
    }

    private static string BaseType(string type)
    {
        var bracket = type.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? type : type[..bracket];
    }
}
