/**
 * Read-your-writes view over a contract's buffered storage: a method reads back what it wrote
 * earlier in the same call (including prefix scans), whatever the host's buffering does. Every
 * write is passed straight through to the host storage, so the host still decides commit/rollback.
 */
import type { WritableContractStorage } from '../../nom/devnet/embedded/types.ts'
import { toHex } from '../../nom/hash.ts'

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false
  return true
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

export function createOverlayStorage(host: WritableContractStorage): WritableContractStorage {
  const written = new Map<string, { key: Uint8Array; value: Uint8Array | undefined }>()
  return {
    async get(key) {
      const w = written.get(toHex(key))
      if (w !== undefined) return w.value
      return host.get(key)
    },
    async *entries(prefix) {
      const merged = new Map<string, [Uint8Array, Uint8Array]>()
      for await (const [k, v] of host.entries(prefix)) merged.set(toHex(k), [k, v])
      for (const [hex, w] of written) {
        if (!startsWith(w.key, prefix)) continue
        if (w.value === undefined) merged.delete(hex)
        else merged.set(hex, [w.key, w.value])
      }
      const list = [...merged.values()].sort((a, b) => compareBytes(a[0], b[0]))
      for (const e of list) yield e
    },
    put(key, value) {
      written.set(toHex(key), { key: Uint8Array.from(key), value: Uint8Array.from(value) })
      host.put(key, value)
    },
    delete(key) {
      written.set(toHex(key), { key: Uint8Array.from(key), value: undefined })
      host.delete(key)
    },
  }
}
