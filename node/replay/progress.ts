/**
 * Replay speed for progress reports: blocks/s and tx/s over a sliding window of recent blocks
 * (default 10 s), plus totals since the replica opened.
 */

export interface ReplayProgress {
  /** Number of the head block. */
  head: bigint
  /** Blocks and txs (deposits included) applied since the replica opened. */
  blocks: number
  txs: number
  /** Rates over the last window. */
  blocksPerSecond: number
  txPerSecond: number
}

export interface ProgressMeter {
  /** One block applied with `txs` transactions at time `now()`. */
  record(txs: number): void
  snapshot(head: bigint): ReplayProgress
}

export function createProgressMeter(now: () => number = performance.now.bind(performance), windowMs = 10_000): ProgressMeter {
  /** (time, txs) of recent blocks, oldest first; `start` indexes the oldest still in the window. */
  const times: number[] = []
  const counts: number[] = []
  let start = 0
  let windowTxs = 0
  let blocks = 0
  let txs = 0
  /** Time of the first block: rates are not diluted by the wait before replay began. */
  let firstAt = 0

  function trim(at: number): void {
    while (start < times.length && times[start]! < at - windowMs) {
      windowTxs -= counts[start]!
      start++
    }
    if (start > 1024 && start * 2 > times.length) {
      times.splice(0, start)
      counts.splice(0, start)
      start = 0
    }
  }

  return {
    record(count) {
      const at = now()
      if (blocks === 0) firstAt = at
      times.push(at)
      counts.push(count)
      windowTxs += count
      blocks++
      txs += count
      trim(at)
    },
    snapshot(head) {
      const at = now()
      trim(at)
      const inWindow = times.length - start
      if (blocks === 0) return { head, blocks, txs, blocksPerSecond: 0, txPerSecond: 0 }
      const since = Math.max(at - windowMs, firstAt)
      const seconds = Math.max((at - since) / 1000, 1e-3)
      return { head, blocks, txs, blocksPerSecond: inWindow / seconds, txPerSecond: windowTxs / seconds }
    },
  }
}
