using System.Diagnostics;

namespace Rollout.IntegrationTests.Deployer;

/// <summary>Runs the built <c>rollout</c> executable (Rollout.Deployer.dll beside this test assembly) as a real process.</summary>
internal static class RolloutProcess
{
    /// <summary>The exit code of a process killed with SIGKILL on Linux (128 + 9).</summary>
    public const int KilledBySigkill = 137;

    private static string Executable
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Rollout.Deployer.dll");
            if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            {
                throw new FileNotFoundException($"the rollout executable is not beside the tests: {dll}");
            }
            return dll;
        }
    }

    /// <summary>Runs <c>rollout</c> with <paramref name="args"/>; <paramref name="faultPoint"/> sets ROLLOUT_FAULT_POINT.</summary>
    public static (int ExitCode, string Output, string Error) Run(string? faultPoint, params string[] args) => Run(faultPoint, null, args);

    /// <summary>Runs <c>rollout</c> with <paramref name="args"/> and extra <paramref name="environment"/> variables (e.g. ROLLOUT_PASSPHRASE).</summary>
    public static (int ExitCode, string Output, string Error) Run(string? faultPoint, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ROLLOUT_FAULT_POINT"] = faultPoint ?? "";
        start.Environment.Remove("ROLLOUT_HOME");
        start.Environment.Remove("ROLLOUT_PASSPHRASE");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("rollout did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rollout {string.Join(' ', args)} did not finish");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Asserts that <paramref name="result"/> is a run the fault injector killed at <paramref name="point"/> (SIGKILL on Linux).</summary>
    public static void AssertKilledAt((int ExitCode, string Output, string Error) result, string point)
    {
        Assert.True(result.Output.Contains($"fault injection: killing the process at {point}", StringComparison.Ordinal), result.Output + result.Error);
        if (OperatingSystem.IsLinux()) Assert.Equal(KilledBySigkill, result.ExitCode);
        else Assert.NotEqual(0, result.ExitCode);
    }
}
