using FsCheck;
using FsCheck.Fluent;
using Rollout.TestSupport;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Snapshots;

public sealed class SnapshotReaderPropertyTests
{
    private static readonly string[] Fragments =
        ["[", "]", "{", "}", ",", ":", "\"peerId\"", "\"reward\"", "\"amount\"", "\"identifier\"", "\"variant\"", "\"1.5\"", "\"-1\"", "\"1e3\"", "null", "true", "7",
         "\"" + TestPeers.Text(3) + "\"", "\"0xabcd\"", "\"Qm0\"", " ", "\n", "\"\\u0000\"", "\"janPresence\""];

    [Fact]
    public void Readers_ArbitraryJsonishInput_EitherReadOrRefuseWithInvalidData()
    {
        using var dir = new TempDirectory();
        var input = Gen.ListOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts)).ToArbitrary();
        Prop.ForAll(input, text =>
        {
            var path = dir.Write("first_retro.json", text);
            return Survives(() => RetroSnapshotReader.Read(path, 1))
                && Survives(() => BridgedSnapshotReader.Read(dir.Write("bridged.json", text)))
                && Survives(() => VoucherSnapshotReader.Read(dir.Write("ceremony_vouchers.json", text)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void CsvReader_ArbitraryText_EitherReadsOrRefusesWithInvalidData()
    {
        using var dir = new TempDirectory();
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
            Survives(() => CsvSnapshotReader.Read(dir.Write("extra.csv", "address,amount\n" + (text ?? ""))))).QuickCheckThrowOnFailure();
    }

    private static bool Survives(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidDataException ex)
        {
            return ex.Message.Length > 0 && !ex.Message.Any(c => char.IsControl(c));
        }
    }
}
