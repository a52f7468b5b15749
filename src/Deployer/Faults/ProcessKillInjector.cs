namespace Rollout.Deployer.Faults;

/// <summary>
/// Kills the current process with SIGKILL at the configured point: no finally blocks, no flushing, exactly
/// what a crash or an operator's kill -9 does. Only a plan with <c>testnet.fault_injection: true</c> gets one.
/// </summary>
public sealed class ProcessKillInjector(FaultPoint point, TextWriter diagnostics) : IFaultInjector
{
    /// <summary>The point this injector kills at.</summary>
    public FaultPoint Point { get; } = point;

    /// <inheritdoc/>
    public void Reached(string step, FaultPhase phase)
    {
        if (step != Point.Step || phase != Point.Phase) return;
        diagnostics.WriteLine($"fault injection: killing the process at {Point}");
        diagnostics.Flush();
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        // Kill() signals asynchronously; nothing after this point may run.
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>The injector the environment asks for when <paramref name="allowed"/>, else none; a request on a plan that does not allow it is refused.</summary>
    public static IFaultInjector FromEnvironment(bool allowed, TextWriter diagnostics) =>
        FromSetting(Environment.GetEnvironmentVariable(FaultPoint.EnvironmentVariable), allowed, diagnostics);

    /// <summary>The injector for a <c>ROLLOUT_FAULT_POINT</c> value (null or empty: none); refused when the plan does not allow it.</summary>
    public static IFaultInjector FromSetting(string? text, bool allowed, TextWriter diagnostics)
    {
        if (string.IsNullOrEmpty(text)) return NoFaults.Instance;
        if (!allowed)
        {
            throw new InvalidDataException($"{FaultPoint.EnvironmentVariable} is set but the plan does not enable testnet.fault_injection (mainnet plans never can)");
        }
        return new ProcessKillInjector(FaultPoint.Parse(text), diagnostics);
    }
}
