/**
 * RLP encoding of byte strings and nested lists into one buffer.
 *
 * @ethereumjs/rlp's `encode` allocates a length prefix and a concatenated copy for every item and
 * again for every enclosing list, so a block's receipts, tries and stored records are copied once
 * per nesting level (the largest allocator of our own code in a replay). Here a first pass measures
 * every list's payload and a second writes each byte once into a buffer of the final size. Output
 * is byte-identical to `RLP.encode` for the same Uint8Array/array input
 * (test/node/chain/encodeRLP.test.ts compares them).
 */

export type RLPInput = Uint8Array | readonly RLPInput[]

/** Bytes of the big-endian form of `n` (n > 0). */
function byteLength(n: number): number {
  let bytes = 0
  while (n > 0) {
    bytes++
    n = Math.floor(n / 256)
  }
  return bytes
}

/** Length of the prefix of a string or list payload of `n` bytes (not a single byte below 0x80). */
function prefixLength(n: number): number {
  return n < 56 ? 1 : 1 + byteLength(n)
}

/** Encoded size of `input`; list payload sizes are pushed to `sizes` in pre-order. */
function measure(input: RLPInput, sizes: number[]): number {
  if (input instanceof Uint8Array) {
    const n = input.length
    return n === 1 && (input[0] as number) < 0x80 ? 1 : prefixLength(n) + n
  }
  if (!Array.isArray(input)) throw new TypeError(`cannot RLP-encode ${typeof input}: only byte strings and lists`)
  const slot = sizes.length
  sizes.push(0)
  let payload = 0
  for (let i = 0; i < input.length; i++) payload += measure(input[i] as RLPInput, sizes)
  sizes[slot] = payload
  return prefixLength(payload) + payload
}

function writePrefix(out: Uint8Array, at: number, n: number, offset: number): number {
  if (n < 56) {
    out[at] = offset + n
    return at + 1
  }
  const bytes = byteLength(n)
  out[at] = offset + 55 + bytes
  for (let i = bytes; i > 0; i--) {
    out[at + i] = n & 0xff
    n = Math.floor(n / 256)
  }
  return at + 1 + bytes
}

interface Writer {
  out: Uint8Array
  at: number
  sizes: number[]
  list: number
}

function write(input: RLPInput, w: Writer): void {
  if (input instanceof Uint8Array) {
    if (input.length === 1 && (input[0] as number) < 0x80) {
      w.out[w.at++] = input[0] as number
      return
    }
    w.at = writePrefix(w.out, w.at, input.length, 0x80)
    w.out.set(input, w.at)
    w.at += input.length
    return
  }
  w.at = writePrefix(w.out, w.at, w.sizes[w.list++] as number, 0xc0)
  for (let i = 0; i < input.length; i++) write(input[i] as RLPInput, w)
}

/**
 * RLP of `input` (a byte string or a nested list of them); with `typePrefix`, that byte first
 * (an EIP-2718 typed tx or receipt: type ‖ rlp) in the same buffer.
 */
export function encodeRLP(input: RLPInput, typePrefix?: number): Uint8Array {
  const sizes: number[] = []
  const start = typePrefix === undefined ? 0 : 1
  const total = start + measure(input, sizes)
  const w: Writer = { out: new Uint8Array(total), at: start, sizes, list: 0 }
  if (typePrefix !== undefined) w.out[0] = typePrefix
  write(input, w)
  return w.out
}

/** Zero-length, so sharing it is safe. */
/** Byte length of encodeRLP(input), without encoding it. */
export function encodedLength(input: RLPInput): number {
  return measure(input, [])
}

const EMPTY = new Uint8Array(0)

/**
 * Big-endian bytes of the unsigned integer `n` without leading zeros (0 → empty), as
 * @ethereumjs/util's bigIntToUnpaddedBytes gives them, without its hex string round trip.
 */
export function uintBytes(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError(`${n} is negative`)
  if (n === 0n) return EMPTY
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) {
    // 64-bit words, most significant first (setBigUint64 keeps a value's low 64 bits), then the
    // leading zero bytes of the first word dropped.
    let words = 0
    for (let rest = n; rest > 0n; rest >>= 64n) words++
    const out = new Uint8Array(8 * words)
    const view = new DataView(out.buffer)
    let rest = n
    for (let i = words - 1; i >= 0; i--, rest >>= 64n) view.setBigUint64(8 * i, rest)
    let first = 0
    while (out[first] === 0) first++
    return out.subarray(first)
  }
  let v = Number(n)
  const out = new Uint8Array(byteLength(v))
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = v & 0xff
    v = Math.floor(v / 256)
  }
  return out
}

/** RLP of the unsigned integer `n` as a byte string (no leading zeros; 0 is the empty string). */
export function encodeRLPUint(n: number): Uint8Array {
  if (n === 0) return Uint8Array.of(0x80)
  if (n < 0x80) return Uint8Array.of(n)
  const bytes = byteLength(n)
  const out = new Uint8Array(1 + bytes)
  out[0] = 0x80 + bytes
  for (let i = bytes; i > 0; i--) {
    out[i] = n & 0xff
    n = Math.floor(n / 256)
  }
  return out
}
