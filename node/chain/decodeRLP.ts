/**
 * RLP decoding that gives @ethereumjs/rlp's `RLP.decode` results and errors, its byte strings
 * views of the input instead of copies.
 *
 * The library copies every item (`slice`) and reads each long length through a hex string: ~5 KB
 * of garbage and several µs per transaction, paid by every admission check, replica tx check and
 * replayed block. Here a walk over the input checks the same rules (bounds, a single byte below
 * 0x80 never prefixed, long lengths without leading zeros and over 55, nothing left over) and
 * returns `subarray`s. Whenever a rule fails, it hands the input to `RLP.decode`, so a malformed
 * input throws exactly the library's error; it never accepts what the library refuses.
 * test/node/chain/decodeRLP.test.ts compares both on valid encodings and on mutated ones.
 *
 * Callers must not write into the returned items (they share the input's memory).
 */
import { RLP } from '@ethereumjs/rlp'

export type RLPItem = Uint8Array | RLPItem[]

/** Set when a rule fails: the walk stops and the library decodes the input instead. */
class Refused {}
const REFUSED = new Refused()

/** Big-endian length of `count` bytes at `at`, or REFUSED (leading zero, or too long to matter). */
function readLength(input: Uint8Array, at: number, count: number, end: number): number {
  if (at + count > end || count > 4 || input[at] === 0) throw REFUSED
  let length = 0
  for (let i = 0; i < count; i++) length = length * 256 + (input[at + i] as number)
  return length
}

/** The item at `at` (which is < end); pushes it onto `out` and returns where the next one starts. */
function item(input: Uint8Array, at: number, end: number, out: RLPItem[]): number {
  const first = input[at] as number
  if (first <= 0x7f) {
    out.push(input.subarray(at, at + 1))
    return at + 1
  }
  if (first <= 0xb7) {
    const start = at + 1
    const stop = start + first - 0x80
    if (stop > end) throw REFUSED
    if (first === 0x81 && (input[start] as number) < 0x80) throw REFUSED
    out.push(input.subarray(start, stop))
    return stop
  }
  if (first <= 0xbf) {
    const count = first - 0xb7
    const length = readLength(input, at + 1, count, end)
    if (length <= 55) throw REFUSED
    const start = at + 1 + count
    const stop = start + length
    if (stop > end) throw REFUSED
    out.push(input.subarray(start, stop))
    return stop
  }
  let start: number
  let stop: number
  if (first <= 0xf7) {
    start = at + 1
    stop = start + first - 0xc0
  } else {
    const count = first - 0xf7
    const length = readLength(input, at + 1, count, end)
    if (length < 56) throw REFUSED
    start = at + 1 + count
    stop = start + length
  }
  if (stop > end) throw REFUSED
  const list: RLPItem[] = []
  let next = start
  while (next < stop) next = item(input, next, stop, list)
  out.push(list)
  return stop
}

/** `RLP.decode(input)`, with views for byte strings. */
export function decodeRLP(input: Uint8Array): RLPItem {
  if (input.length === 0) return RLP.decode(input) as RLPItem
  const out: RLPItem[] = []
  try {
    if (item(input, 0, input.length, out) !== input.length) throw REFUSED
  } catch (error) {
    if (error !== REFUSED) throw error
    return RLP.decode(input) as RLPItem
  }
  return out[0]!
}
