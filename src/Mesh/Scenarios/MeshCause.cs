namespace Rollout.Mesh.Scenarios;

/// <summary>
/// The rollout seed's stage 1 and 2 causes, with the ids and resolution texts of the deployer's cause
/// catalog (Mesh cannot reference the deployer: dependencies point down, so the deployer maps ids).
/// </summary>
public static class MeshCause
{
    private const string WarRoom = "invoke the alert and open the war room; do not proceed until resolved";

    /// <summary>Every cause the scenarios diagnose, by id: (cause, resolution).</summary>
    public static IReadOnlyDictionary<string, (string Cause, string Resolution)> All { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["PX-1"] = ("bootstraps cannot keep up with the volume: the heartbeat is not frequent enough", "raise the heartbeat frequency"),
        ["PX-2"] = ("bootstraps cannot keep up: PRUNE messages with PX grow too large, and even split they are too much", "add more bootstraps"),
        ["PX-3"] = ("bootstraps cannot keep up: the connection manager's high watermark is too low for the volume and connections spike", "raise the high watermark as far as is safe"),
        ["CM-1"] = ("the high watermark is too low for the volume and connections spike (as PX-3)", "raise the high watermark as far as is safe"),
        ["CM-2"] = ("bootstraps are not cleaning up dead connections", "trim by stream count high to low, with zero-stream connections first of all"),
        ["RS-1"] = ("messages miss their TTL: the mesh is not dense enough", "raise the default density targets (D, Dlo, Dhi)"),
        ["RS-2"] = ("messages miss their TTL: the gossip heartbeat is not fast enough", "raise the gossip heartbeat frequency"),
        ["RS-3"] = ("messages are dropped for a reason unrelated to BlossomSub tuning", "review the trace logs and address the cause"),
        ["RS-4"] = ("relays are oversaturated and cannot handle the workload",
            "temporarily add relays and retry, or enable the bootstrap gateway plan (bandwidth test before a bootstrap accepts a peer) and retry without relays"),
        ["UL-1"] = ("peers reach the bootstraps but do not make it into the mesh", "add more bootstraps"),
        ["UL-2"] = ("peers cannot reach the bootstraps: the highest allowed watermark is constantly saturated", "add more bootstraps"),
        ["MS-1"] = ("some peers are crashing", "identify the crash and resolve it"),
        ["MS-2"] = ("some peers are deliberately thrashing the mesh", "raise the decay threshold for peer misbehaviour"),
        ["PE-1"] = ("peers miss the prover slot updates and do not enroll into a lower subshard", WarRoom),
    };

    /// <summary>The diagnosis of cause <paramref name="id"/> with the evidence that points at it.</summary>
    public static Diagnosis Diagnose(string id, string evidence)
    {
        var (cause, resolution) = All[id];
        return new Diagnosis(id, cause, resolution, evidence);
    }
}
