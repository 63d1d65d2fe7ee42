// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DEPOSITOR, L2_TO_NOM_MESSAGE_PASSER, ZNN_ZTS} from "./Predeploys.sol";
import {BridgedToken} from "./BridgedToken.sol";
import {L2ToNoMMessagePasser} from "./L2ToNoMMessagePasser.sol";

/// @title L2TokenBridge (predeploy 0x4200…0010)
/// @notice NoM ZTS tokens (other than ZNN, which is L2's native coin) on L2. A ZTS deposit on the anchor
///         becomes a system deposit from the depositor address calling finalizeDeposit, which creates the
///         token's ERC-20 on first use (CREATE2, salt = the ZTS) and mints. withdraw burns and records a
///         withdrawal with value 0 and data = abi.encode(zts, amount), which the anchor pays in that ZTS.
contract L2TokenBridge {
    /// @notice Gas limit of token withdrawals; it is hashed only (NoM makes no call).
    uint256 public constant WITHDRAWAL_GAS_LIMIT = 0;

    event TokenCreated(bytes10 indexed zts, address indexed token, string name, string symbol, uint8 decimals);
    event DepositFinalized(bytes10 indexed zts, bytes20 indexed nomSender, address indexed to, address token, uint256 amount);
    event WithdrawalInitiated(bytes10 indexed zts, address indexed from, address indexed nomTarget, address token, uint256 amount);

    /// @notice The caller is not the depositor system address.
    error CallerNotDepositor();
    /// @notice ZNN (native) and the zero token standard have no ERC-20.
    error UnsupportedToken(bytes10 zts);
    /// @notice No deposit of this ZTS ever reached L2, so it has no ERC-20.
    error UnknownToken(bytes10 zts);
    error ZeroAmount();

    /// @notice The ERC-20 address of `zts`, whether or not it exists yet.
    function tokenAddress(bytes10 zts) public view returns (address) {
        bytes32 codeHash = keccak256(type(BridgedToken).creationCode);
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), bytes32(zts), codeHash)))));
    }

    /// @notice Mints `amount` of `zts` to `to`; creates the ERC-20 with the NoM name, symbol and decimals on
    ///         the first deposit of that ZTS (later deposits ignore them). Only the depositor system address.
    function finalizeDeposit(
        bytes10 zts,
        bytes20 nomSender,
        address to,
        uint256 amount,
        string calldata name,
        string calldata symbol,
        uint8 decimals
    ) external {
        if (msg.sender != DEPOSITOR) revert CallerNotDepositor();
        if (zts == ZNN_ZTS || zts == bytes10(0)) revert UnsupportedToken(zts);
        address token = tokenAddress(zts);
        if (token.code.length == 0) {
            new BridgedToken{salt: bytes32(zts)}();
            BridgedToken(token).initialize(zts, name, symbol, decimals);
            emit TokenCreated(zts, token, name, symbol, decimals);
        }
        BridgedToken(token).mint(to, amount);
        emit DepositFinalized(zts, nomSender, to, token, amount);
    }

    /// @notice Burns `amount` of the caller's `zts` tokens and starts their withdrawal to the NoM address
    ///         whose 20 raw bytes are `nomTarget`.
    function withdraw(bytes10 zts, uint256 amount, address nomTarget) external {
        if (amount == 0) revert ZeroAmount();
        address token = tokenAddress(zts);
        if (token.code.length == 0) revert UnknownToken(zts);
        BridgedToken(token).burn(msg.sender, amount);
        L2ToNoMMessagePasser(L2_TO_NOM_MESSAGE_PASSER).initiateWithdrawal(nomTarget, WITHDRAWAL_GAS_LIMIT, abi.encode(zts, amount));
        emit WithdrawalInitiated(zts, msg.sender, nomTarget, token, amount);
    }
}
