/**
 * The sequencer's view of the pool while it builds one block: executable transactions, highest
 * effective tip first, each sender's in nonce order. A sender's next tx competes only after the
 * previous one was taken; a tx whose fee cap is under the block's base fee ends its sender's run.
 */
import type { PooledTransaction } from '../backend.ts'
import { effectiveTip } from './fees.ts'
import { senderKeyOf } from './poolEntry.ts'
import type { PoolEntry } from './poolEntry.ts'

export interface Candidates {
  next(): PooledTransaction | undefined
  /** Stop offering this sender's transactions (one failed or did not fit). */
  skipSender(sender: Uint8Array): void
}

interface Cursor {
  senderKey: string
  txs: PoolEntry[]
  index: number
  tip: bigint
  seq: number
}

/** Orders cursors: higher tip first, then earlier admission. */
function before(a: Cursor, b: Cursor): boolean {
  return a.tip !== b.tip ? a.tip > b.tip : a.seq < b.seq
}

/** A binary max-heap of sender cursors. */
class CursorHeap {
  private readonly items: Cursor[] = []

  push(cursor: Cursor): void {
    const items = this.items
    items.push(cursor)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(items[i]!, items[parent]!)) break
      ;[items[i], items[parent]] = [items[parent]!, items[i]!]
      i = parent
    }
  }

  pop(): Cursor | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (top === undefined || last === undefined || items.length === 0) return top
    items[0] = last
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let best = i
      if (left < items.length && before(items[left]!, items[best]!)) best = left
      if (right < items.length && before(items[right]!, items[best]!)) best = right
      if (best === i) break
      ;[items[i], items[best]] = [items[best]!, items[i]!]
      i = best
    }
    return top
  }
}

/**
 * `pendingBySender`: each sender's executable txs in nonce order, taken when the block starts.
 * `isLive` tells whether a tx is still in the pool (dropped or replaced ones end their sender's run);
 * `onTaken` hears of every tx handed out.
 */
export function createCandidates(
  pendingBySender: Iterable<PoolEntry[]>,
  baseFee: bigint,
  isLive: (entry: PoolEntry) => boolean,
  onTaken: (entry: PoolEntry) => void = () => undefined,
): Candidates {
  const heap = new CursorHeap()
  const skipped = new Set<string>()

  const enqueue = (senderKey: string, txs: PoolEntry[], index: number): void => {
    const entry = txs[index]
    if (entry === undefined || entry.feeCap < baseFee) return
    heap.push({ senderKey, txs, index, tip: effectiveTip(entry, baseFee), seq: entry.seq })
  }
  for (const txs of pendingBySender) {
    const first = txs[0]
    if (first !== undefined) enqueue(first.senderKey, txs, 0)
  }

  return {
    next() {
      for (;;) {
        const cursor = heap.pop()
        if (cursor === undefined) return undefined
        if (skipped.has(cursor.senderKey)) continue
        const entry = cursor.txs[cursor.index]!
        if (!isLive(entry)) continue
        enqueue(cursor.senderKey, cursor.txs, cursor.index + 1)
        onTaken(entry)
        return entry.pooled
      }
    },
    skipSender(sender) {
      skipped.add(senderKeyOf(sender))
    },
  }
}
