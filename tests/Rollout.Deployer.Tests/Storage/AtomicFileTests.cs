using Rollout.Deployer.Storage;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Storage;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteNew_TargetThatAppearedAfterTheCallersCheck_IsNotReplaced_AndNoTempFileRemains()
    {
        var target = _dir.Combine("x.sig");
        Assert.False(File.Exists(target)); // the caller's up-front check passes...
        File.WriteAllText(target, "someone else's signature"); // ...then another process creates the file

        var ex = Assert.Throws<InvalidDataException>(() => AtomicFile.WriteNewText(target, "mine"));

        Assert.Contains(target, ex.Message, StringComparison.Ordinal);
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
        Assert.Equal("someone else's signature", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void WriteNew_NewTarget_WritesTheBytes_AndNoTempFileRemains()
    {
        var target = _dir.Combine("x.sig");

        AtomicFile.WriteNewBytes(target, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void WriteAll_ExistingTarget_IsReplaced()
    {
        var target = _dir.Combine("state.json");
        File.WriteAllText(target, "old");

        AtomicFile.WriteAllText(target, "new");

        Assert.Equal("new", File.ReadAllText(target));
    }
}
