// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// Test probe: placed (by an eth_call state override) at the depositor system address, it makes the
/// given calls in order as that address and returns their results, so one eth_call can run a system
/// call and read its effects. A failing call reverts the whole run with that call's revert data.
contract SystemCaller {
    struct Call {
        address target;
        bytes data;
    }

    function run(Call[] calldata calls) external returns (bytes[] memory results) {
        results = new bytes[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, bytes memory ret) = calls[i].target.call(calls[i].data);
            if (!ok) {
                assembly {
                    revert(add(ret, 32), mload(ret))
                }
            }
            results[i] = ret;
        }
    }
}
