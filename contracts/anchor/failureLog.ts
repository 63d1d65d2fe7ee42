/**
 * Why anchor calls failed. A failed call rolls back every storage write (go-zenon semantics: the
 * receive block carries u64be(2) and the sender is refunded), so the reason cannot live in contract
 * state; like go-zenon's node log, this in-memory, bounded log keeps it per send hash for
 * `embedded.anchor.getCallFailure`. It is diagnostics only: not consensus state, not kept across restarts.
 */
import { toHex } from '../../nom/hash.ts'

export interface CallFailure {
  sendHash: Uint8Array
  momentumHeight: bigint
  method: string
  error: string
}

export interface FailureLog {
  record(f: CallFailure): void
  get(sendHash: Uint8Array): CallFailure | undefined
}

export function createFailureLog(capacity: number): FailureLog {
  const entries = new Map<string, CallFailure>()
  return {
    record(f) {
      if (capacity === 0) return
      const k = toHex(f.sendHash)
      entries.delete(k)
      entries.set(k, f)
      while (entries.size > capacity) entries.delete(entries.keys().next().value!)
    },
    get(sendHash) {
      return entries.get(toHex(sendHash))
    },
  }
}
