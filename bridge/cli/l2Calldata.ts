/**
 * Ethereum-ABI calldata of the L2 calls the withdraw command makes (contracts/l2/README.md), hand
 * encoded like contracts/l2/systemCalldata.ts so production code needs no ABI library:
 * L2ToNoMMessagePasser.initiateWithdrawal(address,uint256,bytes), L2TokenBridge.withdraw(bytes10,uint256,address),
 * and the ERC-20 reads balanceOf(address) and decimals().
 */
import { concatBytes, utf8ToBytes } from '@ethereumjs/util'
import { keccak256 } from '../../node/keccak256.ts'

const selector = (signature: string): Uint8Array => keccak256(utf8ToBytes(signature)).slice(0, 4)

export const INITIATE_WITHDRAWAL_SELECTOR = selector('initiateWithdrawal(address,uint256,bytes)')
export const TOKEN_BRIDGE_WITHDRAW_SELECTOR = selector('withdraw(bytes10,uint256,address)')
export const BALANCE_OF_SELECTOR = selector('balanceOf(address)')
export const DECIMALS_SELECTOR = selector('decimals()')

function uint256(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n) throw new RangeError('value does not fit a uint256')
  const out = new Uint8Array(32)
  for (let i = 31, v = value; v > 0n; i--, v >>= 8n) out[i] = Number(v & 0xffn)
  return out
}

function address(bytes: Uint8Array): Uint8Array {
  if (bytes.length !== 20) throw new RangeError(`an address is 20 bytes, got ${bytes.length}`)
  const out = new Uint8Array(32)
  out.set(bytes, 12)
  return out
}

function bytesN(bytes: Uint8Array, n: number): Uint8Array {
  if (bytes.length !== n) throw new RangeError(`expected ${n} bytes, got ${bytes.length}`)
  const out = new Uint8Array(32)
  out.set(bytes, 0)
  return out
}

function dynamicBytes(bytes: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil(bytes.length / 32) * 32)
  padded.set(bytes)
  return concatBytes(uint256(BigInt(bytes.length)), padded)
}

/** initiateWithdrawal(target, gasLimit, data): `target` is the NoM address's 20 raw bytes. */
export function encodeInitiateWithdrawal(target: Uint8Array, gasLimit: bigint, data: Uint8Array): Uint8Array {
  return concatBytes(INITIATE_WITHDRAWAL_SELECTOR, address(target), uint256(gasLimit), uint256(96n), dynamicBytes(data))
}

/** withdraw(zts, amount, nomTarget) on the token bridge. */
export function encodeTokenBridgeWithdraw(zts: Uint8Array, amount: bigint, nomTarget: Uint8Array): Uint8Array {
  return concatBytes(TOKEN_BRIDGE_WITHDRAW_SELECTOR, bytesN(zts, 10), uint256(amount), address(nomTarget))
}

export function encodeBalanceOf(owner: Uint8Array): Uint8Array {
  return concatBytes(BALANCE_OF_SELECTOR, address(owner))
}

export function encodeDecimals(): Uint8Array {
  return DECIMALS_SELECTOR
}
