// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {WEI_PER_ZNN_UNIT} from "./Predeploys.sol";

/// @title L2ToNoMMessagePasser (predeploy 0x4200…0016)
/// @notice Records withdrawals to NoM. The anchor on NoM proves `sentMessages[withdrawalHash] == true`
///         against a committed output root (storage proof of mapping slot 0) and pays the target after
///         the challenge window. Interface, storage slot and event are OP's L2ToL1MessagePasser.
///         ZNN sent with a withdrawal stays in this contract until anyone calls burn(), which destroys it.
contract L2ToNoMMessagePasser {
    /// @notice Version in the top two bytes of every nonce.
    uint16 public constant MESSAGE_VERSION = 1;

    /// @notice withdrawalHash => true once initiated. Mapping slot 0 (the anchor proves this slot).
    mapping(bytes32 => bool) public sentMessages;

    /// @dev Counter of initiated withdrawals (slot 1); the nonce is this plus the version on top.
    uint240 internal msgNonce;

    /// @notice Same fields and indexing as OP's MessagePassed.
    event MessagePassed(
        uint256 indexed nonce,
        address indexed sender,
        address indexed target,
        uint256 value,
        uint256 gasLimit,
        bytes data,
        bytes32 withdrawalHash
    );

    /// @notice The contract's balance was destroyed by burn().
    event WithdrawerBalanceBurnt(uint256 indexed amount);

    /// @notice The target's type byte is neither 0x00 (user) nor 0x01 (embedded): the anchor could never pay it.
    error TargetNotNoMAddress(address target);

    /// @notice The value is not a whole number of NoM ZNN base units (10^10 wei); the rest would be lost.
    error ValueNotWholeZnnUnit(uint256 value);

    /// @notice Starts a withdrawal of msg.value (ZNN) to the NoM address whose 20 raw bytes are `_target`.
    ///         `_gasLimit` and `_data` are hashed but NoM makes no call with them.
    function initiateWithdrawal(address _target, uint256 _gasLimit, bytes memory _data) public payable {
        if (uint160(_target) >> 152 > 1) revert TargetNotNoMAddress(_target);
        if (msg.value % WEI_PER_ZNN_UNIT != 0) revert ValueNotWholeZnnUnit(msg.value);
        uint256 nonce = messageNonce();
        bytes32 withdrawalHash = keccak256(abi.encode(nonce, msg.sender, _target, msg.value, _gasLimit, _data));
        sentMessages[withdrawalHash] = true;
        emit MessagePassed(nonce, msg.sender, _target, msg.value, _gasLimit, _data, withdrawalHash);
        unchecked {
            ++msgNonce;
        }
    }

    /// @notice The nonce the next withdrawal gets: version in the top 2 bytes, counter below.
    function messageNonce() public view returns (uint256) {
        return (uint256(MESSAGE_VERSION) << 240) | uint256(msgNonce);
    }

    /// @notice Destroys the ZNN held for initiated withdrawals (it is paid on NoM, so it leaves L2's supply).
    function burn() external {
        uint256 balance = address(this).balance;
        new Burner{value: balance}();
        emit WithdrawerBalanceBurnt(balance);
    }
}

/// @dev Created and self-destructed in the same transaction (EIP-6780), taking its balance with it.
contract Burner {
    constructor() payable {
        selfdestruct(payable(address(this)));
    }
}
