/** Value encodings of the devnet database: go-zenon JSON (nom/json.ts) as UTF-8, and integers. */
import type { AccountBlock, Momentum, TokenInfo } from '../../types.ts'
import { accountBlockFromJSON, accountBlockToJSON, momentumFromJSON, momentumToJSON, tokenInfoFromJSON, tokenInfoToJSON } from '../../json.ts'
import { bytesToBigInt, u64be } from '../../hash.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const toBytes = (v: unknown): Uint8Array => encoder.encode(JSON.stringify(v))
const fromBytes = (b: Uint8Array): unknown => JSON.parse(decoder.decode(b))

export const encodeBlock = (b: AccountBlock): Uint8Array => toBytes(accountBlockToJSON(b))
export const decodeBlock = (b: Uint8Array): AccountBlock => accountBlockFromJSON(fromBytes(b))

export function encodeMomentum(m: Momentum): Uint8Array {
  return toBytes(momentumToJSON(m))
}
export function decodeMomentum(b: Uint8Array): Momentum {
  const { producer: _producer, ...m } = momentumFromJSON(fromBytes(b))
  return m
}

export const encodeTokenInfo = (t: TokenInfo): Uint8Array => toBytes(tokenInfoToJSON(t))
export const decodeTokenInfo = (b: Uint8Array): TokenInfo => tokenInfoFromJSON(fromBytes(b))

export const encodeU64 = (x: bigint): Uint8Array => u64be(x)
export const decodeU64 = (b: Uint8Array): bigint => bytesToBigInt(b)

/** Minimal big-endian unsigned bytes (0 → empty). */
export function encodeAmount(x: bigint): Uint8Array {
  if (x < 0n) throw new RangeError(`negative amount ${x}`)
  let hex = x === 0n ? '' : x.toString(16)
  if (hex.length % 2 === 1) hex = `0${hex}`
  return new Uint8Array(Buffer.from(hex, 'hex'))
}
export const decodeAmount = (b: Uint8Array): bigint => bytesToBigInt(b)
