using System.Diagnostics;

namespace Rollout.Deployer.Tests.Quorum;

/// <summary>The openssl command line, an Ed448 and SHA3 implementation nobody here wrote.</summary>
internal static class OpenSsl
{
    // DER prefixes of an Ed448 (OID 1.3.101.113) PKCS#8 private key and SubjectPublicKeyInfo, before the 57 raw bytes.
    private static readonly byte[] PrivatePrefix = Convert.FromHexString("3047020100300506032b6571043b0439");
    private static readonly byte[] PublicPrefix = Convert.FromHexString("3043300506032b6571033a00");

    public static string Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        return output;
    }

    public static string WritePrivateKey(string path, byte[] raw)
    {
        File.WriteAllBytes(path, [.. PrivatePrefix, .. raw]);
        return path;
    }

    public static string WritePublicKey(string path, byte[] raw)
    {
        File.WriteAllBytes(path, [.. PublicPrefix, .. raw]);
        return path;
    }

    /// <summary>Reads the raw 57-byte private key out of a DER key openssl generated.</summary>
    public static byte[] RawPrivateKey(string derPath) => File.ReadAllBytes(derPath)[PrivatePrefix.Length..];

    public static byte[] RawPublicKey(string derPath) => File.ReadAllBytes(derPath)[PublicPrefix.Length..];
}
