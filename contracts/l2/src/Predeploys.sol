// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev Sender of the system deposits (origin info, ZTS deposits); it has no key.
address constant DEPOSITOR = 0xDeaDDEaDDeAdDeAdDEAdDEaddeAddEAdDEAd0001;

/// @dev Predeploy addresses (OP Stack numbering, so OP tooling finds them).
address constant L2_TOKEN_BRIDGE = 0x4200000000000000000000000000000000000010;
address constant FEE_VAULT = 0x4200000000000000000000000000000000000011;
address constant NOM_INFO = 0x4200000000000000000000000000000000000015;
address constant L2_TO_NOM_MESSAGE_PASSER = 0x4200000000000000000000000000000000000016;

/// @dev L2 ZNN has 18 decimals, NoM ZNN 8: one NoM base unit is 10^10 wei.
uint256 constant WEI_PER_ZNN_UNIT = 1e10;

/// @dev The ZNN token standard (zts1znnxxxxxxxxxxxxx9z4ulx). ZNN is L2's native coin, never an ERC-20.
bytes10 constant ZNN_ZTS = 0x14e66318c6318c6318c6;
