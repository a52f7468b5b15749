using System.Numerics;
using System.Text;
using Rollout.Bridge.Ethereum;
using Rollout.Bridge.Ethereum.Rpc;
using Rollout.Bridge.Ethereum.Signing;
using Rollout.Token.Hashing;

namespace Rollout.Bridge.Contracts;

/// <summary>
/// Typed access to a deployed WrappedQuil (wQUIL): reads, the role-holders' transactions, calldata for
/// the admin's calls (which go through the Safe), and its events. Reverts surface as
/// <see cref="ContractRevertedException"/> decoded with the token's custom errors
/// (<c>EnforcedPause</c>, <c>AccessControlUnauthorizedAccount</c>, <c>TransferAlreadyProcessed</c>…).
/// </summary>
public sealed class WrappedQuilContract
{
    private readonly ContractTransactor _transactor;

    /// <summary>Wraps the token at <paramref name="address"/>.</summary>
    public WrappedQuilContract(ContractTransactor transactor, Address address)
    {
        _transactor = transactor ?? throw new ArgumentNullException(nameof(transactor));
        Address = address ?? throw new ArgumentNullException(nameof(address));
    }

    /// <summary>The token's address.</summary>
    public Address Address { get; }

    /// <summary>The token's ABI (from the embedded artifact).</summary>
    public static ContractAbi Abi { get; } = ContractAbi.Of(ContractCatalog.Load(ContractCatalog.WrappedQuil));

    /// <summary><c>DEFAULT_ADMIN_ROLE</c>: 32 zero bytes.</summary>
    public static byte[] DefaultAdminRole => new byte[32];

    /// <summary><c>PAUSER_ROLE</c> = keccak256("PAUSER_ROLE").</summary>
    public static byte[] PauserRole => Keccak256.Hash(Encoding.ASCII.GetBytes("PAUSER_ROLE"));

    /// <summary><c>MINTER_ROLE</c> = keccak256("MINTER_ROLE").</summary>
    public static byte[] MinterRole => Keccak256.Hash(Encoding.ASCII.GetBytes("MINTER_ROLE"));

    /// <summary>Deploys a token whose admin is <paramref name="admin"/> (the Safe); it starts paused.</summary>
    public static async Task<WrappedQuilContract> DeployAsync(ContractTransactor transactor, Secp256k1Key deployer, Address admin, Address pauser, Address minter, CancellationToken cancellationToken = default)
    {
        var deployed = await new ContractDeployer(transactor).DeployAsync(ContractCatalog.WrappedQuil, deployer, [admin, pauser, minter], cancellationToken);
        return new WrappedQuilContract(transactor, deployed.Address);
    }

    /// <summary>Calldata of <c>grantRole(role, account)</c>, for the Safe to execute.</summary>
    public static byte[] EncodeGrantRole(byte[] role, Address account) => Abi.Function("grantRole").EncodeCall(role, account);

    /// <summary>Calldata of <c>revokeRole(role, account)</c>.</summary>
    public static byte[] EncodeRevokeRole(byte[] role, Address account) => Abi.Function("revokeRole").EncodeCall(role, account);

    /// <summary>Calldata of <c>pause()</c>.</summary>
    public static byte[] EncodePause() => Abi.Function("pause").EncodeCall();

    /// <summary>Calldata of <c>unpause()</c> (admin only: the Safe).</summary>
    public static byte[] EncodeUnpause() => Abi.Function("unpause").EncodeCall();

    /// <summary><c>paused()</c>.</summary>
    public async Task<bool> PausedAsync(CancellationToken cancellationToken = default) => (bool)(await ReadAsync("paused", [], cancellationToken))[0]!;

    /// <summary><c>balanceOf(account)</c> in base units (8 decimals).</summary>
    public async Task<BigInteger> BalanceOfAsync(Address account, CancellationToken cancellationToken = default) => (BigInteger)(await ReadAsync("balanceOf", [account], cancellationToken))[0]!;

    /// <summary><c>totalSupply()</c>.</summary>
    public async Task<BigInteger> TotalSupplyAsync(CancellationToken cancellationToken = default) => (BigInteger)(await ReadAsync("totalSupply", [], cancellationToken))[0]!;

    /// <summary><c>hasRole(role, account)</c>.</summary>
    public async Task<bool> HasRoleAsync(byte[] role, Address account, CancellationToken cancellationToken = default) => (bool)(await ReadAsync("hasRole", [role, account], cancellationToken))[0]!;

    /// <summary><c>isProcessed(transferId)</c>: whether a bridge transfer id was already minted.</summary>
    public async Task<bool> IsProcessedAsync(byte[] transferId, CancellationToken cancellationToken = default) => (bool)(await ReadAsync("isProcessed", [transferId], cancellationToken))[0]!;

    /// <summary><c>pause()</c> sent by a PAUSER_ROLE holder.</summary>
    public Task<TransactionReceipt> PauseAsync(Secp256k1Key pauser, CancellationToken cancellationToken = default) => SendAsync("pause", pauser, [], cancellationToken);

    /// <summary><c>unpause()</c> sent directly (only the admin may; a pauser is refused).</summary>
    public Task<TransactionReceipt> UnpauseAsync(Secp256k1Key sender, CancellationToken cancellationToken = default) => SendAsync("unpause", sender, [], cancellationToken);

    /// <summary><c>grantRole(role, account)</c> sent directly by an admin.</summary>
    public Task<TransactionReceipt> GrantRoleAsync(Secp256k1Key admin, byte[] role, Address account, CancellationToken cancellationToken = default) => SendAsync("grantRole", admin, [role, account], cancellationToken);

    /// <summary><c>bridgeMint(to, amount, transferId)</c> sent by the MINTER_ROLE holder.</summary>
    public Task<TransactionReceipt> BridgeMintAsync(Secp256k1Key minter, Address to, BigInteger amount, byte[] transferId, CancellationToken cancellationToken = default) =>
        SendAsync("bridgeMint", minter, [to, amount, transferId], cancellationToken);

    /// <summary><c>bridgeOut(quilAddress, amount)</c>: burns the holder's wQUIL for the QUIL side.</summary>
    public Task<TransactionReceipt> BridgeOutAsync(Secp256k1Key holder, byte[] quilAddress, BigInteger amount, CancellationToken cancellationToken = default) =>
        SendAsync("bridgeOut", holder, [quilAddress, amount], cancellationToken);

    /// <summary>The token's events in a receipt (Paused, Unpaused, RoleGranted, BridgedIn, BridgedOut, Transfer…).</summary>
    public IReadOnlyList<DecodedEvent> DecodeEvents(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Abi.DecodeLogs(receipt.Logs, Address);
    }

    private async Task<object?[]> ReadAsync(string name, IReadOnlyList<object?> arguments, CancellationToken cancellationToken)
    {
        var function = Abi.Function(name);
        var result = await _transactor.CallAsync($"WrappedQuil.{name}", Address, function.EncodeCall(arguments), errors: Abi.Errors, cancellationToken: cancellationToken);
        return function.DecodeOutput(result);
    }

    private Task<TransactionReceipt> SendAsync(string name, Secp256k1Key sender, IReadOnlyList<object?> arguments, CancellationToken cancellationToken) =>
        _transactor.SendAsync($"WrappedQuil.{name}", sender, Address, Abi.Function(name).EncodeCall(arguments), errors: Abi.Errors, cancellationToken: cancellationToken);
}
