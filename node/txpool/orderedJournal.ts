/**
 * Journal operations ordered per key and concurrent across keys: a put and a later delete of the
 * same hash (or a delete and a later re-put) reach the store in the order they were issued, while
 * writes for different txs overlap instead of queueing behind each other.
 */
import { bytesToHex } from '@ethereumjs/util'
import type { JournalStore } from './journal.ts'

export interface OrderedJournal {
  put(hash: Uint8Array, raw: Uint8Array): Promise<void>
  delete(hashes: Uint8Array[]): Promise<void>
}

export function createOrderedJournal(journal: JournalStore): OrderedJournal {
  /** Last operation issued per key (settled, never rejecting). */
  const lastByKey = new Map<string, Promise<void>>()

  function run(keys: string[], operation: () => Promise<void>): Promise<void> {
    const earlier = keys.map((key) => lastByKey.get(key)).filter((p): p is Promise<void> => p !== undefined)
    const result = earlier.length === 0 ? operation() : Promise.all(earlier).then(operation)
    const settled = result.then(
      () => undefined,
      () => undefined,
    )
    for (const key of keys) lastByKey.set(key, settled)
    void settled.then(() => {
      for (const key of keys) if (lastByKey.get(key) === settled) lastByKey.delete(key)
    })
    return result
  }

  return {
    put(hash, raw) {
      return run([bytesToHex(hash)], () => journal.put(hash, raw))
    },
    delete(hashes) {
      if (hashes.length === 0) return Promise.resolve()
      return run(hashes.map(bytesToHex), () => journal.delete(hashes))
    },
  }
}
