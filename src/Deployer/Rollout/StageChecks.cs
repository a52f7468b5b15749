using Rollout.Deployer.Cli.Keys;
using Rollout.Deployer.Ethereum;
using Rollout.Deployer.MeshChecks;
using Rollout.Deployer.Quorum;

namespace Rollout.Deployer.Rollout;

/// <summary>
/// The check wired to each step, with its criterion (the seed's success condition under the plan's
/// thresholds) and what it needs. ReleaseSigned, UnlockCollecting and Unlocked verify the quorum signing
/// (<see cref="ReleaseSignedCheck"/>, <see cref="UnlockCollectingCheck"/>, <see cref="UnlockedCheck"/>);
/// BridgeDeployedPaused and EthereumResumed act on Ethereum (<see cref="BridgeDeployedPausedCheck"/>,
/// <see cref="EthereumResumedCheck"/>); the stage 1 and 2 mesh steps
/// (PeerExchange, ConnectionManagement, RoutingSuccess, UpperLimits, MeshStable, ProverEnrollment) run their
/// scenario on the simulator on a rehearsal plan and are not available on mainnet, where they need metrics
/// scraped from the real bootstraps (<see cref="MeshScenarioCheck"/>, progress on stderr);
/// the others are <see cref="NotAvailableCheck"/> until the node pieces exist; a project that supplies
/// a measurement replaces its entry here.
/// </summary>
public static class StageChecks
{
    private static string DeployerPassphrase() => Passphrase.Read("the deployer keystore (ethereum.deployer_keystore)", confirm: false, Console.Error);

    /// <summary>The default check of every step, in rollout order.</summary>
    public static IReadOnlyList<IStageCheck> Default() =>
    [
        new MeshScenarioCheck(RolloutState.PeerExchange, Console.Error),
        new MeshScenarioCheck(RolloutState.ConnectionManagement, Console.Error),
        new MeshScenarioCheck(RolloutState.RoutingSuccess, Console.Error),
        new MeshScenarioCheck(RolloutState.UpperLimits, Console.Error),
        new ReleaseSignedCheck(),
        new NotAvailableCheck(RolloutState.StasisLocked,
            _ => "every reachable node runs the signed release and reports the stasis lock (seed placeholder \"stasis\"), none has a genesis",
            "src/Mesh: the node API's stasis gate state"),
        new UnlockCollectingCheck(),
        new UnlockedCheck(),
        new MeshScenarioCheck(RolloutState.MeshStable, Console.Error),
        new MeshScenarioCheck(RolloutState.ProverEnrollment, Console.Error),
        new BridgeDeployedPausedCheck(DeployerPassphrase),
        new NotAvailableCheck(RolloutState.TokenDeployed,
            c => $"the token application is deployed with the genesis allocation built from {c.Plan.SnapshotFolder}; its Merkle root is published",
            "src/Token: genesis allocation, standard-v1 tree and root; the token ledger application on the node"),
        new NotAvailableCheck(RolloutState.Minting,
            c => $"mint batches (the allocation, and the bridged total to {c.Plan.BridgeAddress[..16]}…) are published as signed operations, each journaled before it is published",
            "src/Mesh: the application host's signed operations, published through this journal's outside-action log"),
        new NotAvailableCheck(RolloutState.MintVerified,
            _ => "the ledger's state root equals the published genesis root, and the total supply equals the allocation's",
            "src/Token: the ledger's state root from a node"),
        new NotAvailableCheck(RolloutState.BridgeUnpaused,
            _ => "the node-side bridge application is unpaused and reports it",
            "src/Bridge: the bridge application's unpause operation and state"),
        new EthereumResumedCheck(DeployerPassphrase),
    ];
}
