namespace Rollout.Mesh.Simulation;

/// <summary>
/// One event as the engine hands it to its handler: a plain struct, passed by reference, so running
/// an event allocates nothing.
/// <see cref="Handler"/> says what happens; <see cref="Payload"/> and the four integers are its
/// arguments, whose meaning belongs to the handler (a delivery uses them for destination, source,
/// incarnation and link generation).
/// </summary>
/// <param name="Time">Virtual time in ticks (100 ns) since the simulation's start.</param>
/// <param name="Sequence">Breaks ties between events at the same time: the lane that scheduled the event and that lane's count (see <see cref="SimulationEngine"/>).</param>
/// <param name="Lane">Whose state the event touches: a node's lane, or <see cref="SimulationEngine.SharedLane"/>.</param>
/// <param name="Handler">Who runs the event.</param>
/// <param name="Payload">An object argument, for example a message or a delegate.</param>
/// <param name="A">First integer argument.</param>
/// <param name="B">Second integer argument.</param>
/// <param name="C">Third integer argument.</param>
/// <param name="D">Fourth integer argument.</param>
public readonly record struct SimulationEvent(
    long Time,
    long Sequence,
    int Lane,
    ISimulationEventHandler Handler,
    object? Payload,
    int A,
    int B,
    int C,
    int D);
