// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {L2_TO_NOM_MESSAGE_PASSER, WEI_PER_ZNN_UNIT} from "./Predeploys.sol";
import {L2ToNoMMessagePasser} from "./L2ToNoMMessagePasser.sol";

/// @title FeeVault (predeploy 0x4200…0011)
/// @notice Collects the base fees of every block. Anyone may send its balance (whole NoM ZNN units; the
///         sub-unit rest stays) to the NoM recipient through the message passer once it reaches the
///         minimum. Recipient and minimum are set in the genesis storage; there is no setter.
contract FeeVault {
    /// @notice Gas limit of fee withdrawals; it is hashed only (NoM makes no call).
    uint256 public constant WITHDRAWAL_GAS_LIMIT = 0;

    /// @notice The 20 raw bytes of the NoM address paid on withdraw (slot 0, from genesis).
    address public recipient;
    /// @notice Smallest amount withdraw sends, in wei (slot 1, from genesis).
    uint256 public minWithdrawalAmount;
    /// @notice Total wei sent to NoM so far (slot 2).
    uint256 public totalProcessed;

    /// @notice Same fields as OP's fee vault event.
    event Withdrawal(uint256 value, address to, address from);

    /// @notice The genesis did not set a recipient.
    error RecipientNotSet();
    /// @notice The withdrawable amount is below the minimum.
    error BelowMinimum(uint256 amount, uint256 minimum);

    receive() external payable {}

    /// @notice Sends the balance, rounded down to whole NoM ZNN units, to the recipient on NoM.
    function withdraw() external returns (uint256 value) {
        address to = recipient;
        if (to == address(0)) revert RecipientNotSet();
        uint256 balance = address(this).balance;
        value = balance - (balance % WEI_PER_ZNN_UNIT);
        uint256 minimum = minWithdrawalAmount;
        if (value == 0 || value < minimum) revert BelowMinimum(value, minimum);
        totalProcessed += value;
        L2ToNoMMessagePasser(L2_TO_NOM_MESSAGE_PASSER).initiateWithdrawal{value: value}(to, WITHDRAWAL_GAS_LIMIT, "");
        emit Withdrawal(value, to, msg.sender);
    }
}
