namespace Rollout.Deployer.Rollout;

/// <summary>The rollout's states (ARCHITECTURE.md): four stages of steps, and Failed, Held, Aborted.</summary>
public enum RolloutState
{
    /// <summary>Plan adopted, nothing run yet.</summary>
    Planned,

    /// <summary>Stage 1: bootstrap operators' confirmation tests.</summary>
    BootstrapVerification,

    /// <summary>Bootstraps prune peers with PX within a few heartbeats.</summary>
    PeerExchange,

    /// <summary>Bootstraps stay below the high watermark.</summary>
    ConnectionManagement,

    /// <summary>Messages route to every peer once the mesh is built.</summary>
    RoutingSuccess,

    /// <summary>The watermark's breaking point serves ten times the peer count.</summary>
    UpperLimits,

    /// <summary>Stage 2: the release.</summary>
    Release,

    /// <summary>The release digest carries a quorum of signatures.</summary>
    ReleaseSigned,

    /// <summary>Nodes run the release and wait in the stasis lock.</summary>
    StasisLocked,

    /// <summary>Signers emit their unlock signatures.</summary>
    UnlockCollecting,

    /// <summary>The genesis unlock (seed with a post-release blockstamp) lifted the lock.</summary>
    Unlocked,

    /// <summary>The mesh stops rebuilding once most nodes are online.</summary>
    MeshStable,

    /// <summary>Prover enrollments shard out at the subshard threshold.</summary>
    ProverEnrollment,

    /// <summary>Stage 3: applications.</summary>
    Applications,

    /// <summary>The bridge application is deployed, paused.</summary>
    BridgeDeployedPaused,

    /// <summary>The token application is deployed with the genesis allocation.</summary>
    TokenDeployed,

    /// <summary>Mint batches are published.</summary>
    Minting,

    /// <summary>The ledger's state root equals the published root.</summary>
    MintVerified,

    /// <summary>Stage 4: unpausing the bridge.</summary>
    Unpause,

    /// <summary>The node-side bridge is unpaused.</summary>
    BridgeUnpaused,

    /// <summary>The Ethereum side is unpaused by the multisig.</summary>
    EthereumResumed,

    /// <summary>Fully live.</summary>
    Live,

    /// <summary>A check failed with a diagnosed cause and proposed resolution.</summary>
    Failed,

    /// <summary>An outcome is unknown or a check cannot be evaluated: an operator decides.</summary>
    Held,

    /// <summary>The operator stopped the rollout.</summary>
    Aborted,
}
