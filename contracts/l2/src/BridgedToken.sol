// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {L2_TOKEN_BRIDGE} from "./Predeploys.sol";

/// @title BridgedToken
/// @notice The ERC-20 of one NoM ZTS on L2, created by the token bridge with CREATE2 (salt = the ZTS).
///         The creation code takes no arguments so the address depends on the ZTS only; the bridge
///         sets the metadata right after creating it. Only the bridge mints (deposits) and burns (withdrawals).
contract BridgedToken {
    /// @notice The NoM token standard this token stands for.
    bytes10 public zts;
    uint8 public decimals;
    string public name;
    string public symbol;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice The caller is not the token bridge.
    error CallerNotBridge();
    /// @notice initialize was already called.
    error AlreadyInitialized();
    error InsufficientBalance(uint256 available, uint256 required);
    error InsufficientAllowance(uint256 available, uint256 required);

    modifier onlyBridge() {
        if (msg.sender != L2_TOKEN_BRIDGE) revert CallerNotBridge();
        _;
    }

    function initialize(bytes10 _zts, string calldata _name, string calldata _symbol, uint8 _decimals) external onlyBridge {
        if (zts != bytes10(0)) revert AlreadyInitialized();
        zts = _zts;
        name = _name;
        symbol = _symbol;
        decimals = _decimals;
    }

    function mint(address to, uint256 amount) external onlyBridge {
        totalSupply += amount;
        unchecked {
            balanceOf[to] += amount;
        }
        emit Transfer(address(0), to, amount);
    }

    function burn(address from, uint256 amount) external onlyBridge {
        _debit(from, amount);
        unchecked {
            totalSupply -= amount;
        }
        emit Transfer(from, address(0), amount);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert InsufficientAllowance(allowed, amount);
            unchecked {
                allowance[from][msg.sender] = allowed - amount;
            }
        }
        _move(from, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) internal {
        _debit(from, amount);
        unchecked {
            balanceOf[to] += amount;
        }
        emit Transfer(from, to, amount);
    }

    function _debit(address from, uint256 amount) internal {
        uint256 available = balanceOf[from];
        if (available < amount) revert InsufficientBalance(available, amount);
        unchecked {
            balanceOf[from] = available - amount;
        }
    }
}
