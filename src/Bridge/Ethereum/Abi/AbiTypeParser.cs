namespace Rollout.Bridge.Ethereum.Abi;

/// <summary>
/// Parses type strings and human-readable signatures: <c>uint</c> is <c>uint256</c>, <c>int</c> is
/// <c>int256</c>, tuples may be written <c>(…)</c> or <c>tuple(…)</c>, parameters may carry
/// <c>indexed</c> and a name, e.g. <c>Transfer(address indexed from,address indexed to,uint256 value)</c>.
/// </summary>
internal sealed class AbiTypeParser
{
    private readonly string _text;
    private int _position;

    private AbiTypeParser(string text) => _text = text;

    public static AbiType ParseType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new AbiTypeParser(text);
        parser.SkipSpaces();
        var type = parser.Type();
        parser.SkipSpaces();
        if (parser._position != text.Length) throw parser.Error("unexpected text after the type");
        return type;
    }

    /// <summary>Parses <c>name(params)</c>, optionally prefixed by <c>function</c>, <c>event</c> or <c>error</c>.</summary>
    public static (string Name, IReadOnlyList<AbiParameter> Parameters) ParseSignature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new AbiTypeParser(text);
        parser.SkipSpaces();
        var name = parser.Word();
        if (name is "function" or "event" or "error")
        {
            parser.SkipSpaces();
            name = parser.Word();
        }
        if (name.Length == 0) throw parser.Error("expected a name");
        parser.SkipSpaces();
        var parameters = parser.ParameterList();
        parser.SkipSpaces();
        // Trailing modifiers such as "anonymous", "view" or "returns (...)" are not part of the signature.
        return (name, parameters);
    }

    private List<AbiParameter> ParameterList()
    {
        Expect('(');
        var parameters = new List<AbiParameter>();
        SkipSpaces();
        if (TryTake(')')) return parameters;
        while (true)
        {
            SkipSpaces();
            var type = Type();
            var indexed = false;
            var name = "";
            SkipSpaces();
            var word = Word();
            if (word is "indexed" or "calldata" or "memory" or "storage")
            {
                indexed = word == "indexed";
                SkipSpaces();
                word = Word();
            }
            name = word;
            parameters.Add(new AbiParameter(name, type, indexed));
            SkipSpaces();
            if (TryTake(')')) return parameters;
            Expect(',');
        }
    }

    private AbiType Type()
    {
        AbiType type;
        if (Peek() == '(' || _text.AsSpan(_position).StartsWith("tuple(", StringComparison.Ordinal))
        {
            if (Peek() == 't') _position += "tuple".Length;
            type = AbiType.Tuple(ParameterList().Select(p => p.Type).ToArray());
        }
        else
        {
            type = Elementary(Word());
        }
        while (TryTake('['))
        {
            var start = _position;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position])) _position++;
            var digits = _text[start.._position];
            Expect(']');
            if (digits.Length == 0)
            {
                type = AbiType.Array(type);
            }
            else if (digits.Length > 1 && digits[0] == '0' || !int.TryParse(digits, out var length))
            {
                throw Error($"array length \"{digits}\" is not a canonical number");
            }
            else
            {
                type = AbiType.Array(type, length);
            }
        }
        return type;
    }

    private AbiType Elementary(string word)
    {
        switch (word)
        {
            case "address": return AbiType.Address;
            case "bool": return AbiType.Bool;
            case "string": return AbiType.String;
            case "bytes": return AbiType.Bytes;
            case "uint": return AbiType.UInt256;
            case "int": return AbiType.Int(256);
            case "": throw Error("expected a type");
        }
        foreach (var (prefix, make) in new (string, Func<int, AbiType>)[] { ("uint", AbiType.UInt), ("int", AbiType.Int), ("bytes", AbiType.FixedBytes) })
        {
            if (!word.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var digits = word[prefix.Length..];
            if (digits.Length == 0 || digits[0] == '0' || !digits.All(char.IsAsciiDigit) || !int.TryParse(digits, out var size)) break;
            try
            {
                return make(size);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw Error($"\"{word}\" has an invalid size");
            }
        }
        throw Error($"\"{word}\" is not an ABI type");
    }

    private string Word()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '$')) _position++;
        return _text[start.._position];
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && _text[_position] == ' ') _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private bool TryTake(char c)
    {
        if (Peek() != c) return false;
        _position++;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryTake(c)) throw Error($"expected '{c}'");
    }

    private InvalidDataException Error(string what) => new($"ABI type \"{_text}\": {what} at position {_position}");
}
