using System.Reflection;
using System.Runtime.ExceptionServices;
using Rollout.Deployer.Cli;
using Rollout.TestSupport;

namespace Rollout.Deployer.Tests.Storage;

// AtomicFile is internal and the Deployer shows its internals only to the integration tests, so its
// methods are bound by name here: a rename fails these tests instead of silently skipping them.
public sealed class AtomicFileTests : IDisposable
{
    private static readonly Type AtomicFileType = typeof(CommandLine).Assembly.GetType("Rollout.Deployer.Storage.AtomicFile", throwOnError: true)!;
    private readonly TempDirectory _dir = new();

    private static class AtomicFile
    {
        public static void WriteNewText(string path, string text) => Call(nameof(WriteNewText), path, text);

        public static void WriteNewBytes(string path, byte[] bytes) => Call(nameof(WriteNewBytes), path, bytes);

        public static void WriteAllText(string path, string text) => Call(nameof(WriteAllText), path, text);

        private static void Call(string name, string path, object content)
        {
            var method = AtomicFileType.GetMethod(name, BindingFlags.Public | BindingFlags.Static, [typeof(string), content.GetType()])!;
            try
            {
                method.Invoke(null, [path, content]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }
    }

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
