/** SHA3-256 (FIPS-202, not Keccak) and the fixed-width integer encoding NoM hashes use. */
import { sha3_256 } from '@noble/hashes/sha3.js'

/** SHA3-256 of the concatenation of `parts`. */
export function sha3(...parts: Uint8Array[]): Uint8Array {
  const h = sha3_256.create()
  for (const p of parts) h.update(p)
  return h.digest()
}

/** H("") = a7ffc6f8…434a. */
export const EMPTY_HASH: Uint8Array = sha3()

/** 32 zero bytes. */
export const ZERO_HASH: Uint8Array = new Uint8Array(32)

const U64_MAX = (1n << 64n) - 1n

/** 8 bytes big-endian; throws RangeError outside 0..2^64-1. */
export function u64be(x: bigint): Uint8Array {
  if (x < 0n || x > U64_MAX) throw new RangeError(`u64 out of range: ${x}`)
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, x, false)
  return out
}

/** Unsigned big-endian, left-zero-padded to `width` bytes; throws RangeError if it does not fit. */
export function uintBE(x: bigint, width: number): Uint8Array {
  if (x < 0n) throw new RangeError(`negative value: ${x}`)
  const out = new Uint8Array(width)
  let v = x
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  if (v !== 0n) throw new RangeError(`value does not fit in ${width} bytes: ${x}`)
  return out
}

/** Big-endian bytes to bigint. */
export function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n
  for (const byte of b) v = (v << 8n) | BigInt(byte)
  return v
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Lowercase hex without 0x. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')
}

/** Hex without 0x (either case) to bytes; throws RangeError on odd length or non-hex characters. */
export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new RangeError(`not hex: ${JSON.stringify(text)}`)
  return new Uint8Array(Buffer.from(text, 'hex'))
}
