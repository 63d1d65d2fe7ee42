/**
 * Calldata of the two system deposits' calls, for whoever builds those deposit transactions (from
 * the depositor address, see addresses.ts): NoMInfo.setOrigin for the origin-info deposit that opens
 * every block, and L2TokenBridge.finalizeDeposit for a ZTS deposit. Ethereum ABI, hand-encoded so
 * runtime code needs no ABI library; the tests check it against viem and the compiled ABI.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'

export class SystemCalldataError extends Error {
  override name = 'SystemCalldataError'
}

/** The origin momentum a block builds on (same fields as node/backend.ts BlockOrigin). */
export interface OriginMomentum {
  height: bigint
  /** 32 bytes. */
  hash: Uint8Array
  /** Seconds. */
  timestamp: bigint
  /** How many earlier L2 blocks had the same origin. */
  sequenceNumber: bigint
}

/** A ZTS deposit as the token bridge takes it. */
export interface ZtsDeposit {
  /** 10 raw bytes of the token standard. */
  zts: Uint8Array
  /** 20 raw bytes of the NoM sender. */
  nomSender: Uint8Array
  /** 20-byte L2 recipient. */
  to: Uint8Array
  amount: bigint
  /** NoM token metadata (used when the deposit creates the token's ERC-20). */
  name: string
  symbol: string
  decimals: number
}

const encoder = new TextEncoder()

function selector(signature: string): Uint8Array {
  return keccak_256(encoder.encode(signature)).slice(0, 4)
}

export const SET_ORIGIN_SELECTOR = selector('setOrigin(uint64,bytes32,uint64,uint64)')
export const FINALIZE_DEPOSIT_SELECTOR = selector('finalizeDeposit(bytes10,bytes20,address,uint256,string,string,uint8)')

function uintWord(value: bigint, bits: number, field: string): Uint8Array {
  if (value < 0n || value >= 1n << BigInt(bits)) throw new SystemCalldataError(`${field}: expected a uint${bits}`)
  const out = new Uint8Array(32)
  for (let i = 31, v = value; v > 0n; i--, v >>= 8n) out[i] = Number(v & 0xffn)
  return out
}

/** `length` bytes, left-aligned (bytesN) or right-aligned (address) in a word. */
function fixedWord(bytes: Uint8Array, length: number, align: 'left' | 'right', field: string): Uint8Array {
  if (bytes.length !== length) throw new SystemCalldataError(`${field}: expected ${length} bytes, got ${bytes.length}`)
  const out = new Uint8Array(32)
  out.set(bytes, align === 'left' ? 0 : 32 - length)
  return out
}

/** Length word plus the bytes padded to whole words. */
function dynamicString(text: string): Uint8Array {
  const bytes = encoder.encode(text)
  const out = new Uint8Array(32 + Math.ceil(bytes.length / 32) * 32)
  out.set(uintWord(BigInt(bytes.length), 256, 'length'), 0)
  out.set(bytes, 32)
  return out
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** NoMInfo.setOrigin(height, hash, timestamp, sequenceNumber). */
export function encodeSetOrigin(origin: OriginMomentum): Uint8Array {
  return concat([
    SET_ORIGIN_SELECTOR,
    uintWord(origin.height, 64, 'height'),
    fixedWord(origin.hash, 32, 'left', 'hash'),
    uintWord(origin.timestamp, 64, 'timestamp'),
    uintWord(origin.sequenceNumber, 64, 'sequenceNumber'),
  ])
}

/** L2TokenBridge.finalizeDeposit(zts, nomSender, to, amount, name, symbol, decimals). */
export function encodeFinalizeDeposit(deposit: ZtsDeposit): Uint8Array {
  if (!Number.isInteger(deposit.decimals)) throw new SystemCalldataError('decimals: expected a uint8')
  const name = dynamicString(deposit.name)
  const symbol = dynamicString(deposit.symbol)
  const headSize = 7n * 32n
  return concat([
    FINALIZE_DEPOSIT_SELECTOR,
    fixedWord(deposit.zts, 10, 'left', 'zts'),
    fixedWord(deposit.nomSender, 20, 'left', 'nomSender'),
    fixedWord(deposit.to, 20, 'right', 'to'),
    uintWord(deposit.amount, 256, 'amount'),
    uintWord(headSize, 256, 'offset'),
    uintWord(headSize + BigInt(name.length), 256, 'offset'),
    uintWord(BigInt(deposit.decimals), 8, 'decimals'),
    name,
    symbol,
  ])
}
