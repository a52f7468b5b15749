using System.Numerics;
using System.Text;
using Rollout.Token.Addressing;

namespace Rollout.Token.Snapshots;

/// <summary>
/// Reads a generic allocation source: UTF-8 text whose first line is exactly <c>address,amount</c>, then
/// one <c>0x&lt;64 hex digits&gt;,&lt;QUIL&gt;</c> row per line (LF or CRLF). No quoting, no spaces, no empty
/// lines, no address twice, amounts positive and exact.
/// </summary>
public static class CsvSnapshotReader
{
    /// <summary>The only header accepted.</summary>
    public const string Header = "address,amount";

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static CsvSnapshot Read(string path)
    {
        var name = Path.GetFileName(path);
        ReadOnlySpan<byte> text = SnapshotBytes.Read(path);
        var allocations = new List<CsvAllocation>();
        var firstLine = new Dictionary<QuilAddress, int>();
        var lineNumber = 0;
        while (!text.IsEmpty)
        {
            lineNumber++;
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (line.EndsWith("\r"u8)) line = line[..^1];
            if (lineNumber > 1 && TryReadPlainRow(line, out var address, out var units) && firstLine.TryAdd(address, lineNumber))
            {
                allocations.Add(new CsvAllocation(address, units, lineNumber));
                continue;
            }
            var content = Encoding.UTF8.GetString(line);
            if (lineNumber == 1)
            {
                if (content != Header)
                {
                    throw SnapshotError.AtLine(name, 1, "header", $"must be exactly {Header}, found {SnapshotText.Quote(content)}");
                }
                continue;
            }
            allocations.Add(ParseRow(name, lineNumber, content, firstLine));
        }
        if (lineNumber == 0) throw SnapshotError.InFile(name, $"is empty; it needs the header {Header} and at least one row");
        if (allocations.Count == 0) throw SnapshotError.InFile(name, "has a header but no rows");
        return new CsvSnapshot(name, allocations);
    }

    /// <summary>
    /// The usual row, <c>0x</c> + 64 hex digits + <c>,</c> + a plain positive amount, read from the bytes
    /// without a string. False means "not sure" (or a repeat): <see cref="ParseRow"/> then reads the line
    /// and gives the exact error, so the messages are the same as without this path.
    /// </summary>
    private static bool TryReadPlainRow(ReadOnlySpan<byte> line, out QuilAddress address, out BigInteger units)
    {
        address = default;
        units = default;
        const int AddressEnd = 2 + (2 * QuilAddress.Size);
        if (line.Length < AddressEnd + 2 || line[0] != (byte)'0' || line[1] != (byte)'x' || line[AddressEnd] != (byte)',') return false;
        Span<byte> bytes = stackalloc byte[QuilAddress.Size];
        for (var i = 0; i < QuilAddress.Size; i++)
        {
            var high = HexValue(line[2 + (2 * i)]);
            var low = HexValue(line[3 + (2 * i)]);
            if ((high | low) < 0) return false;
            bytes[i] = (byte)((high << 4) | low);
        }
        if (!QuilAmount.TryParseQuilFast(line[(AddressEnd + 1)..], out var small) || small == 0) return false;
        address = QuilAddress.FromBytes(bytes);
        units = small;
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static CsvAllocation ParseRow(string name, int line, string content, Dictionary<QuilAddress, int> firstLine)
    {
        if (content.Length == 0) throw SnapshotError.AtLine(name, line, "", "is empty; remove blank lines");
        if (content.Contains('"', StringComparison.Ordinal)) throw SnapshotError.AtLine(name, line, "", "has a quote; fields are written bare");
        var comma = content.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0) throw SnapshotError.AtLine(name, line, "", $"{SnapshotText.Quote(content)} has one field; expected address,amount");
        if (content.IndexOf(',', comma + 1) >= 0) throw SnapshotError.AtLine(name, line, "", $"{SnapshotText.Quote(content)} has more than two fields");

        var addressText = content[..comma];
        var amountText = content[(comma + 1)..];
        if (!addressText.StartsWith("0x", StringComparison.Ordinal))
        {
            throw SnapshotError.AtLine(name, line, "address", $"{SnapshotText.Quote(addressText)} is not an address: it must start with 0x");
        }
        if (!QuilAddress.TryParse(addressText, out var address, out var addressError))
        {
            throw SnapshotError.AtLine(name, line, "address", $"{SnapshotText.Quote(addressText)} is not an address: {addressError}");
        }
        if (!firstLine.TryAdd(address, line))
        {
            throw SnapshotError.AtLine(name, line, "address", $"{address} already appears on line {firstLine[address]}");
        }
        if (!QuilAmount.TryParseQuil(amountText, out var units, out var amountError))
        {
            throw SnapshotError.AtLine(name, line, "amount", amountError);
        }
        if (units.IsZero) throw SnapshotError.AtLine(name, line, "amount", $"{SnapshotText.Quote(amountText)} is zero; a CSV allocation must be positive");
        return new CsvAllocation(address, units, line);
    }
}
