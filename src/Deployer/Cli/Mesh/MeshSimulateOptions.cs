using System.CommandLine;
using System.Globalization;
using MeshTrimOrder = Rollout.Mesh.Connections.TrimOrder;
using Rollout.Mesh.Scenarios;
using Rollout.Mesh.Simulation;

namespace Rollout.Deployer.Cli.Mesh;

/// <summary>The options of <c>rollout mesh simulate</c> and their translation into <see cref="ScenarioSettings"/>.</summary>
internal sealed class MeshSimulateOptions
{
    public Option<string> Scenario { get; } = new("--scenario") { Description = "peer-exchange | connection-management | routing | upper-limits | mesh-stability | prover-enrollment", Required = true };
    public Option<int> Peers { get; } = new("--peers") { Description = "Light peers (default 100,000).", DefaultValueFactory = _ => 100_000 };
    public Option<int> Relays { get; } = new("--relays") { Description = "Relays (default 5).", DefaultValueFactory = _ => 5 };
    public Option<int> Bootstraps { get; } = new("--bootstraps") { Description = "Bootstraps (default 8).", DefaultValueFactory = _ => 8 };
    public Option<ulong> Seed { get; } = new("--seed") { Description = "Run seed: the same seed gives the same report.", DefaultValueFactory = _ => 1UL };
    public Option<int> Threads { get; } = new("--threads") { Description = "Threads to run on (default: this machine's processors); the report is the same for any count.", DefaultValueFactory = _ => ScenarioSettings.MachineThreads };
    public Option<string?> Json { get; } = new("--json") { Description = "Write the report as JSON to this file." };
    public Option<double?> HeapLimitGiB { get; } = new("--heap-limit-gib") { Description = "Cap the GC heap at this many GiB (at least 0.25) while the run lasts: the GC collects before passing it; a run that outgrows it exits 2 and writes no report. The report is the same with or without." };
    public Option<int?> HeartbeatMs { get; } = new("--heartbeat-ms") { Description = "Heartbeat of every role (default 1000)." };
    public Option<int?> D { get; } = new("--d") { Description = "Light peers' mesh degree D (default 6)." };
    public Option<int?> Dlo { get; } = new("--dlo") { Description = "Light peers' Dlo (default 5)." };
    public Option<int?> Dhi { get; } = new("--dhi") { Description = "Light peers' Dhi (default 12)." };
    public Option<int?> PrunePeers { get; } = new("--prune-peers") { Description = "PX records per PRUNE (default 16)." };
    public Option<int?> WatermarkLow { get; } = new("--watermark-low") { Description = "Bootstraps' low watermark." };
    public Option<int?> WatermarkHigh { get; } = new("--watermark-high") { Description = "Bootstraps' high watermark." };
    public Option<bool> SoftWatermark { get; } = new("--soft-watermark") { Description = "Admit past the high watermark and trim later (go-libp2p) instead of refusing." };
    public Option<string?> TrimOrder { get; } = new("--trim-order") { Description = "seed (zero streams first, then most streams; default) | libp2p" };
    public Option<int?> MaxSafeWatermark { get; } = new("--max-safe-watermark") { Description = "Upper limits: the highest watermark the bootstraps may be set to (default 65,536)." };
    public Option<int?> Messages { get; } = new("--messages") { Description = "Routing: messages sent peer by peer (default 50)." };
    public Option<int?> TtlMs { get; } = new("--ttl-ms") { Description = "Routing: message TTL (default 2000)." };
    public Option<double?> Loss { get; } = new("--loss") { Description = "Loss probability on every link." };
    public Option<int?> Crashing { get; } = new("--crashing") { Description = "Mesh stability: peers that crash and restart." };
    public Option<int?> Thrashing { get; } = new("--thrashing") { Description = "Mesh stability: peers that leave and rejoin the topic on purpose." };
    public Option<int?> Provers { get; } = new("--provers") { Description = "Prover enrollment: provers (default 2,000)." };
    public Option<int?> StaleProvers { get; } = new("--stale-provers") { Description = "Prover enrollment: provers that miss slot updates." };
    public Option<int?> GraceMs { get; } = new("--grace-ms") { Description = "Bootstraps' connection grace period (default 60000)." };
    public Option<int?> SilenceMs { get; } = new("--silence-ms") { Description = "Bootstraps' connection manager silence period (default 10000)." };
    public Option<int?> PruneBudget { get; } = new("--prune-budget") { Description = "Peer exchange: heartbeats a peer may stay on a bootstrap before its PRUNE (default 3)." };
    public Option<int?> PeerMultiple { get; } = new("--peer-multiple") { Description = "Upper limits: the multiple of the peer count the breaking point must serve (default 10)." };
    public Option<double?> MaxRebuilds { get; } = new("--max-rebuilds") { Description = "Mesh stability: mesh changes allowed per peer per minute (default 1)." };
    public Option<int?> SubshardThreshold { get; } = new("--subshard-threshold") { Description = "Prover enrollment: the subshard threshold (default 32)." };

    public IEnumerable<Option> All =>
    [
        Scenario, Peers, Relays, Bootstraps, Seed, Threads, Json, HeapLimitGiB, HeartbeatMs, D, Dlo, Dhi, PrunePeers, WatermarkLow, WatermarkHigh,
        SoftWatermark, TrimOrder, MaxSafeWatermark, Messages, TtlMs, Loss, Crashing, Thrashing, Provers, StaleProvers, SubshardThreshold,
        GraceMs, SilenceMs, PruneBudget, PeerMultiple, MaxRebuilds,
    ];

    /// <summary>The settings the parsed options describe; throws <see cref="InvalidDataException"/> naming the bad option.</summary>
    public ScenarioSettings ToSettings(ParseResult parse)
    {
        var scenario = parse.GetValue(Scenario)!;
        if (!MeshScenarios.Names.Contains(scenario)) throw new InvalidDataException($"--scenario: \"{scenario}\" is not one of {string.Join(", ", MeshScenarios.Names)}");
        var settings = new ScenarioSettings
        {
            Peers = Positive(parse, Peers, 2),
            Relays = Positive(parse, Relays, 0),
            Bootstraps = Positive(parse, Bootstraps, 1),
            Seed = parse.GetValue(Seed),
            Threads = Positive(parse, Threads, 1) is var threads && threads <= ScenarioSettings.MaxThreads
                ? threads
                : throw new InvalidDataException($"--threads: {threads} is above {ScenarioSettings.MaxThreads}"),
        };
        if (parse.GetValue(HeartbeatMs) is { } heartbeat) settings = settings with { Heartbeat = TimeSpan.FromMilliseconds(Check(heartbeat, 1, "--heartbeat-ms")) };
        if (parse.GetValue(D) is { } d) settings = settings with { D = d };
        if (parse.GetValue(Dlo) is { } dlo) settings = settings with { Dlo = dlo };
        if (parse.GetValue(Dhi) is { } dhi) settings = settings with { Dhi = dhi };
        if (parse.GetValue(PrunePeers) is { } prunePeers) settings = settings with { PrunePeers = Check(prunePeers, 0, "--prune-peers") };
        if (parse.GetValue(WatermarkHigh) is { } high) settings = settings with { BootstrapHighWater = Check(high, 1, "--watermark-high"), BootstrapLowWater = high * 4 / 5 };
        if (parse.GetValue(WatermarkLow) is { } low) settings = settings with { BootstrapLowWater = Check(low, 0, "--watermark-low") };
        if (parse.GetValue(SoftWatermark)) settings = settings with { BootstrapHardHighWater = false };
        settings = parse.GetValue(TrimOrder) switch
        {
            null or "seed" => settings,
            "libp2p" => settings with { BootstrapTrimOrder = MeshTrimOrder.GoLibp2p },
            var other => throw new InvalidDataException($"--trim-order: \"{other}\" is not seed or libp2p"),
        };
        if (parse.GetValue(MaxSafeWatermark) is { } safe) settings = settings with { MaxSafeWatermark = Check(safe, 1, "--max-safe-watermark") };
        if (parse.GetValue(Messages) is { } messages) settings = settings with { Messages = Check(messages, 1, "--messages") };
        if (parse.GetValue(TtlMs) is { } ttl) settings = settings with { MessageTtl = TimeSpan.FromMilliseconds(Check(ttl, 1, "--ttl-ms")) };
        if (parse.GetValue(Loss) is { } loss) settings = settings with { Loss = loss };
        if (parse.GetValue(Crashing) is { } crashing) settings = settings with { CrashingPeers = Check(crashing, 0, "--crashing") };
        if (parse.GetValue(Thrashing) is { } thrashing) settings = settings with { ThrashingPeers = Check(thrashing, 0, "--thrashing") };
        if (parse.GetValue(Provers) is { } provers) settings = settings with { Provers = Check(provers, 1, "--provers") };
        if (parse.GetValue(StaleProvers) is { } stale) settings = settings with { StaleProvers = Check(stale, 0, "--stale-provers") };
        if (parse.GetValue(SubshardThreshold) is { } threshold) settings = settings with { SubshardThreshold = Check(threshold, 1, "--subshard-threshold") };
        if (parse.GetValue(GraceMs) is { } grace) settings = settings with { BootstrapGracePeriod = TimeSpan.FromMilliseconds(Check(grace, 0, "--grace-ms")) };
        if (parse.GetValue(SilenceMs) is { } silence) settings = settings with { BootstrapSilencePeriod = TimeSpan.FromMilliseconds(Check(silence, 0, "--silence-ms")) };
        if (parse.GetValue(PruneBudget) is { } budget) settings = settings with { PruneBudgetHeartbeats = Check(budget, 1, "--prune-budget") };
        if (parse.GetValue(PeerMultiple) is { } multiple) settings = settings with { PeerMultiple = Check(multiple, 1, "--peer-multiple") };
        if (parse.GetValue(MaxRebuilds) is { } rebuilds)
        {
            settings = settings with { MaxRebuildsPerPeerMinute = rebuilds >= 0 && double.IsFinite(rebuilds) ? rebuilds : throw new InvalidDataException($"--max-rebuilds: {rebuilds} is not a rate of zero or more") };
        }
        settings.Validate();
        return settings;
    }

    /// <summary>The heap cap in bytes, or null for none; throws <see cref="InvalidDataException"/> for one below 0.25 GiB.</summary>
    public long? HeapLimitBytes(ParseResult parse) => parse.GetValue(HeapLimitGiB) switch
    {
        null => null,
        >= 0.25 and < 1 << 20 and var gib => HeapLimit.BytesOf(gib),
        var gib => throw new InvalidDataException($"--heap-limit-gib: {gib.Value.ToString(CultureInfo.InvariantCulture)} is not between 0.25 and 1,048,576"),
    };

    private static int Positive(ParseResult parse, Option<int> option, int min) => Check(parse.GetValue(option), min, option.Name);

    private static int Check(int value, int min, string name) =>
        value >= min ? value : throw new InvalidDataException($"{name}: {value} is below {min}");
}
