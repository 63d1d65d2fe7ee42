/**
 * Strict readers for go-zenon JSON values. Each takes the value and a path used in error messages
 * (`accountBlock.momentumAcknowledged.hash`), and throws InvalidJSONError naming the path and what
 * was expected.
 */
import type { Address, Hash, TokenStandard } from './types.ts'
import { InvalidJSONError } from './errors.ts'
import { parseAddress } from './address.ts'
import { parseTokenStandard } from './tokenStandard.ts'

export type JSONObject = Record<string, unknown>

function show(v: unknown): string {
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s
}

export function fail(path: string, expected: string, got: unknown): never {
  throw new InvalidJSONError(`${path}: expected ${expected}, got ${show(got)}`)
}

export function readObject(v: unknown, path: string): JSONObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v)
  return v as JSONObject
}

/** A field that must be present (null counts as present only where the reader accepts it). */
export function field(o: JSONObject, key: string, path: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(o, key)) throw new InvalidJSONError(`${path}.${key}: missing`)
  return o[key]
}

export function readArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'an array', v)
  return v
}

/** A JSON number holding a non-negative integer that is exactly representable. */
export function readUint(v: unknown, path: string): bigint {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(path, 'a non-negative integer number', v)
  return BigInt(v)
}

/** A JSON number holding a (possibly negative) safe integer (go-zenon int64 timestamps). */
export function readInt(v: unknown, path: string): bigint {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(path, 'an integer number', v)
  return BigInt(v)
}

/** A decimal string of a non-negative integer (amounts, balances, supplies). */
export function readDecimal(v: unknown, path: string): bigint {
  if (typeof v !== 'string' || !/^[0-9]+$/.test(v)) fail(path, 'a decimal string', v)
  return BigInt(v)
}

export function readString(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string', v)
  return v
}

export function readBool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'a boolean', v)
  return v
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Standard base64 (Go's []byte); null reads as empty, as Go does. */
export function readBase64(v: unknown, path: string): Uint8Array {
  if (v === null) return new Uint8Array(0)
  if (typeof v !== 'string' || !BASE64.test(v)) fail(path, 'a base64 string', v)
  return new Uint8Array(Buffer.from(v, 'base64'))
}

/** Base64 of exactly `length` bytes, or null/empty. */
export function readBase64Sized(v: unknown, path: string, length: number): Uint8Array {
  const b = readBase64(v, path)
  if (b.length !== 0 && b.length !== length) fail(path, `base64 of ${length} bytes`, v)
  return b
}

export function readHash(v: unknown, path: string): Hash {
  if (typeof v !== 'string' || !/^[0-9a-fA-F]{64}$/.test(v)) fail(path, 'a 64-hex-character hash', v)
  return new Uint8Array(Buffer.from(v, 'hex'))
}

export function readHexFixed(v: unknown, path: string, bytes: number): Uint8Array {
  if (typeof v !== 'string' || v.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(v)) fail(path, `${bytes * 2} hex characters`, v)
  return new Uint8Array(Buffer.from(v, 'hex'))
}

export function readAddress(v: unknown, path: string): Address {
  if (typeof v !== 'string') fail(path, 'a z1… address string', v)
  try {
    return parseAddress(v)
  } catch (e) {
    throw new InvalidJSONError(`${path}: ${(e as Error).message}`, { cause: e })
  }
}

export function readTokenStandard(v: unknown, path: string): TokenStandard {
  if (typeof v !== 'string') fail(path, 'a zts1… token standard string', v)
  try {
    return parseTokenStandard(v)
  } catch (e) {
    throw new InvalidJSONError(`${path}: ${(e as Error).message}`, { cause: e })
  }
}

/** Reads `null` as null, anything else through `read`. */
export function readNullable<T>(v: unknown, path: string, read: (v: unknown, path: string) => T): T | null {
  return v === null ? null : read(v, path)
}

/** bigint → JSON number; throws RangeError if it would lose precision. */
export function toJSONNumber(x: bigint, what: string): number {
  if (x < BigInt(Number.MIN_SAFE_INTEGER) || x > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${x} does not fit a JSON number exactly`)
  return Number(x)
}

export function toBase64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64')
}
