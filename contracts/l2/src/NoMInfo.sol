// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DEPOSITOR} from "./Predeploys.sol";

/// @title NoMInfo (predeploy 0x4200…0015)
/// @notice The origin momentum of the current L2 block: the confirmed NoM momentum this block builds on.
///         The first transaction of every block is a system deposit from the depositor address that calls
///         setOrigin, so contracts can read NoM's height, hash and time.
contract NoMInfo {
    /// @notice Origin momentum height (slot 0, bytes 0–7).
    uint64 public height;
    /// @notice Origin momentum timestamp in seconds (slot 0, bytes 8–15).
    uint64 public timestamp;
    /// @notice How many earlier L2 blocks had the same origin, 0 for the first (slot 0, bytes 16–23).
    uint64 public sequenceNumber;
    /// @notice Origin momentum hash (slot 1).
    bytes32 public hash;

    /// @notice The caller is not the depositor system address.
    error CallerNotDepositor();

    /// @notice Writes the origin momentum; only the depositor system address may call it.
    function setOrigin(uint64 _height, bytes32 _hash, uint64 _timestamp, uint64 _sequenceNumber) external {
        if (msg.sender != DEPOSITOR) revert CallerNotDepositor();
        height = _height;
        timestamp = _timestamp;
        sequenceNumber = _sequenceNumber;
        hash = _hash;
    }
}
