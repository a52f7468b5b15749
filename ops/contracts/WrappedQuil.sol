// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title Wrapped QUIL (wQUIL)
/// @notice The Ethereum side of the QUIL bridge: an ERC-20 with 8 decimals that the bridge relayer
/// mints once per bridge transfer and that holders burn to move QUIL back to the network.
/// @dev Pause fast, unpause slow: a PAUSER (or the admin) can stop everything at once; only the
/// admin, meant to be a Safe multisig, can resume. While paused every balance change reverts:
/// bridge mints, bridge-outs and plain transfers alike, so tokens minted by a compromised relayer
/// cannot reach an exchange before the pause is noticed. The token is deployed paused, so nothing
/// moves until the admin deliberately resumes it (stage 4 of the rollout).
contract WrappedQuil is ERC20, AccessControl, Pausable {
    /// @notice Role that may pause the token; it can never unpause.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Role of the bridge relayer, the only account that may mint.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @dev Bridge transfer identifiers already minted; each mints at most once.
    mapping(bytes32 transferId => bool minted) private _processed;

    /// @notice Emitted when the relayer mints for a bridge transfer from the QUIL network.
    /// @param transferId The bridge transfer's identifier, unique per transfer.
    /// @param to The account credited.
    /// @param amount The amount minted, in wQUIL base units (8 decimals).
    event BridgedIn(bytes32 indexed transferId, address indexed to, uint256 amount);

    /// @notice Emitted when a holder burns wQUIL to receive QUIL on the network.
    /// @param from The account whose tokens were burned.
    /// @param quilAddress The 32-byte QUIL network address to credit.
    /// @param amount The amount burned, in wQUIL base units (8 decimals).
    event BridgedOut(address indexed from, bytes32 indexed quilAddress, uint256 amount);

    /// @notice An account given to the constructor was the zero address.
    /// @param role The role the account was meant to receive.
    error ZeroRoleAccount(bytes32 role);

    /// @notice An amount of zero was given where a positive amount is required.
    error ZeroAmount();

    /// @notice The zero transfer identifier was given; it would mark an unset identifier as used.
    error ZeroTransferId();

    /// @notice The zero QUIL address was given; tokens burned to it could never be credited.
    error ZeroQuilAddress();

    /// @notice The bridge transfer was already minted.
    /// @param transferId The identifier that was replayed.
    error TransferAlreadyProcessed(bytes32 transferId);

    /// @notice Deploys the token paused, with one account per role.
    /// @param admin Holder of DEFAULT_ADMIN_ROLE (grants roles, unpauses); meant to be a Safe.
    /// @param pauser First holder of PAUSER_ROLE.
    /// @param minter First holder of MINTER_ROLE, the bridge relayer.
    constructor(address admin, address pauser, address minter) ERC20("Wrapped QUIL", "wQUIL") {
        if (admin == address(0)) revert ZeroRoleAccount(DEFAULT_ADMIN_ROLE);
        if (pauser == address(0)) revert ZeroRoleAccount(PAUSER_ROLE);
        if (minter == address(0)) revert ZeroRoleAccount(MINTER_ROLE);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, pauser);
        _grantRole(MINTER_ROLE, minter);
        _pause();
    }

    /// @notice wQUIL has 8 decimals: one base unit equals 80 QUIL network units.
    /// @return The number of decimals, 8.
    function decimals() public pure override returns (uint8) {
        return 8;
    }

    /// @notice Mints `amount` to `to` for the bridge transfer `transferId`, once per identifier.
    /// @dev Reverts while paused, for a caller without MINTER_ROLE, and for a replayed identifier.
    /// @param to The account credited.
    /// @param amount The amount, in wQUIL base units; must be positive.
    /// @param transferId The bridge transfer's identifier; must be non-zero and not yet minted.
    function bridgeMint(address to, uint256 amount, bytes32 transferId)
        external
        onlyRole(MINTER_ROLE)
        whenNotPaused
    {
        if (amount == 0) revert ZeroAmount();
        if (transferId == bytes32(0)) revert ZeroTransferId();
        if (_processed[transferId]) revert TransferAlreadyProcessed(transferId);
        _processed[transferId] = true;
        _mint(to, amount);
        emit BridgedIn(transferId, to, amount);
    }

    /// @notice Burns `amount` of the caller's wQUIL so the bridge credits `quilAddress` on the network.
    /// @dev Reverts while paused and when the caller's balance is too small.
    /// @param quilAddress The 32-byte QUIL network address to credit; must be non-zero.
    /// @param amount The amount, in wQUIL base units; must be positive.
    function bridgeOut(bytes32 quilAddress, uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        if (quilAddress == bytes32(0)) revert ZeroQuilAddress();
        _burn(msg.sender, amount);
        emit BridgedOut(msg.sender, quilAddress, amount);
    }

    /// @notice Whether the bridge transfer `transferId` was already minted.
    /// @param transferId The bridge transfer's identifier.
    /// @return True when {bridgeMint} already ran for it.
    function isProcessed(bytes32 transferId) external view returns (bool) {
        return _processed[transferId];
    }

    /// @notice Stops mints, bridge-outs and transfers. Callable by PAUSER_ROLE or the admin.
    function pause() external {
        if (!hasRole(PAUSER_ROLE, msg.sender) && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert AccessControlUnauthorizedAccount(msg.sender, PAUSER_ROLE);
        }
        _pause();
    }

    /// @notice Resumes the token. Only the admin (the Safe) may, so resuming needs its quorum.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// @dev Every balance change (mint, burn, transfer) passes here, so one check covers them all.
    function _update(address from, address to, uint256 value) internal override whenNotPaused {
        super._update(from, to, value);
    }
}
