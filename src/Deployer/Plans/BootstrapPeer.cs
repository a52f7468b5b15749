namespace Rollout.Deployer.Plans;

/// <summary>A bootstrap peer: its multiaddr, ending in <c>/p2p/&lt;peer ID&gt;</c>, and that peer ID.</summary>
/// <param name="Multiaddr">The full multiaddr as written in the plan.</param>
/// <param name="PeerId">The Base58 peer ID taken from the <c>/p2p/</c> component.</param>
public sealed record BootstrapPeer(string Multiaddr, string PeerId);
