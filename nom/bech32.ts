/**
 * Classic bech32 (BIP-173, not bech32m) for fixed-size NoM identifiers: addresses (`z`, 20 bytes)
 * and token standards (`zts`, 10 bytes). Decoding reports *why* a text is refused.
 */
import { bech32 } from '@scure/base'

export type Bech32Problem = 'empty' | 'mixed case' | 'wrong hrp' | 'bad checksum' | 'bad character' | 'wrong length'

export interface Bech32Result {
  bytes?: Uint8Array
  problem?: Bech32Problem
  detail?: string
}

const CHARSET = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]*$/

/** Decodes `text` with the expected hrp and byte length, or says which rule it breaks. */
export function decodeFixedBech32(text: string, hrp: string, length: number): Bech32Result {
  if (text.length === 0) return { problem: 'empty' }
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return { problem: 'mixed case' }
  const lower = text.toLowerCase()
  const sep = lower.lastIndexOf('1')
  if (sep < 1) return { problem: 'wrong hrp', detail: `no "${hrp}1" prefix` }
  const gotHrp = lower.slice(0, sep)
  if (gotHrp !== hrp) return { problem: 'wrong hrp', detail: `prefix "${gotHrp}", expected "${hrp}"` }
  const payload = lower.slice(sep + 1)
  if (!CHARSET.test(payload)) return { problem: 'bad character' }
  const decoded = bech32.decodeUnsafe(lower, false)
  if (decoded === undefined) return { problem: 'bad checksum' }
  const bytes = bech32.fromWordsUnsafe(decoded.words)
  if (bytes === undefined) return { problem: 'wrong length', detail: 'bad padding' }
  if (bytes.length !== length) return { problem: 'wrong length', detail: `${bytes.length} bytes, expected ${length}` }
  return { bytes }
}

export function encodeBech32(hrp: string, bytes: Uint8Array): string {
  return bech32.encode(hrp, bech32.toWords(bytes), false)
}
