/**
 * The L2 ERC-20 address of a bridged ZTS, as L2TokenBridge.tokenAddress(zts) computes it:
 * CREATE2 from the bridge with salt = the 10 ZTS bytes left-aligned in 32 and the BridgedToken
 * creation code (which takes no constructor arguments). Valid before the first deposit creates it.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { L2_TOKEN_BRIDGE_ADDRESS } from './addresses.ts'
import { BridgedToken } from './artifacts.ts'

export class InvalidTokenStandardError extends Error {
  override name = 'InvalidTokenStandardError'
}

const fromHex = (hex: string) => Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))

/** 20 address bytes for the 10 raw bytes of a ZTS. */
export function bridgedTokenAddress(zts: Uint8Array): Uint8Array {
  if (zts.length !== 10) throw new InvalidTokenStandardError(`token standard: expected 10 bytes, got ${zts.length}`)
  const preimage = new Uint8Array(1 + 20 + 32 + 32)
  preimage[0] = 0xff
  preimage.set(fromHex(L2_TOKEN_BRIDGE_ADDRESS), 1)
  preimage.set(zts, 21)
  preimage.set(keccak_256(fromHex(BridgedToken.bytecode)), 53)
  return keccak_256(preimage).slice(12)
}
