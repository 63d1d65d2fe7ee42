/**
 * The devnet's state-change commitment (go-zenon hashes a LevelDB batch dump, which cannot be
 * reproduced portably). changesHash = SHA3-256 over the changed state keys in ascending key
 * order, each entry `u32be(len key) || key || op || u32be(len value) || value` with op 0x01 for a
 * write and 0x00 (and an empty value) for a delete. Only state tables count (db/keys.ts
 * STATE_PREFIXES), so the momentum records that carry the hash are not part of it.
 */
import type { Hash } from '../../types.ts'
import type { Op } from '../db/store.ts'
import { STATE_PREFIXES } from '../db/keys.ts'
import { sha3 } from '../../hash.ts'

function u32be(n: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n, false)
  return out
}

export function changesHash(ops: readonly Op[]): Hash {
  const parts: Uint8Array[] = []
  const sorted = [...ops].filter((o) => STATE_PREFIXES.has(o.key[0]!)).sort((a, b) => Buffer.compare(a.key, b.key))
  for (const o of sorted) {
    const value = o.type === 'put' ? o.value : new Uint8Array(0)
    parts.push(u32be(o.key.length), o.key, Uint8Array.of(o.type === 'put' ? 1 : 0), u32be(value.length), value)
  }
  return sha3(...parts)
}
