using Rollout.TestSupport;
using Rollout.Token.Snapshots;

namespace Rollout.Token.Tests.Snapshots;

public sealed class SnapshotFolderTests
{
    [Fact]
    public void Read_AnySubset_ReadsWhatIsThere()
    {
        using var dir = new TempDirectory();
        dir.Write("third_retro.json", $$"""[{"peerId":"{{TestPeers.Text(1)}}","reward":"3"}]""");
        dir.Write("bridged.json", "[]");
        dir.Write("README.md", "notes");
        var set = SnapshotFolder.Read(dir.Path);
        Assert.Equal([3], set.Retros.Select(r => r.Round));
        Assert.NotNull(set.Bridged);
        Assert.Null(set.Vouchers);
        Assert.Empty(set.Csv);
    }

    [Fact]
    public void Read_EmptyFolder_IsRefused()
    {
        using var dir = new TempDirectory();
        Assert.Contains("holds no snapshot file", Assert.Throws<InvalidDataException>(() => SnapshotFolder.Read(dir.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFolder_IsRefused() =>
        Assert.Contains("does not exist", Assert.Throws<InvalidDataException>(() => SnapshotFolder.Read("/nonexistent/snapshots")).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_MisspeltFile_IsRefusedRatherThanSkipped()
    {
        using var dir = new TempDirectory();
        dir.Write("first_retro.json", "[]");
        dir.Write("second_retr.json", "[]");
        Assert.StartsWith("second_retr.json: is not a snapshot this builder reads", Assert.Throws<InvalidDataException>(() => SnapshotFolder.Read(dir.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SampleFolder_HoldsEveryReferenceSource()
    {
        var set = SnapshotFolder.Read(RepoPaths.Combine("ops", "samples", "snapshots"));
        Assert.Equal([1, 2, 3, 4], set.Retros.Select(r => r.Round));
        Assert.NotNull(set.Vouchers);
        Assert.NotEmpty(set.Bridged!.Entries);
        Assert.Single(set.Csv);
    }
}
