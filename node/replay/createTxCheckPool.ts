/**
 * Runs the stateless checks of a block's txs (decodeBlockTxs.ts: decoding, admission checks, sender
 * recovery with the native secp256k1 binding) on worker threads, so the replica's main thread only
 * builds the tx objects and executes. A block's txs go out in chunks of `chunkSize`, round robin
 * over the workers, and come back as a feed (blockTxFeed.ts): execution starts on the first chunk
 * while the workers check the rest, and checks of the next blocks run meanwhile when the caller asks
 * early (Replica.prefetch, or several applyBlock calls in flight).
 *
 * Workers load the TypeScript sources through tsx (registered in each worker) and are started with
 * the pool, so their start-up is not paid by the first block; they are referenced only while they
 * have work (an idle pool never keeps the process alive) and end on close().
 */
import { Worker } from 'node:worker_threads'
import type { Common } from '@ethereumjs/common'
import type { CheckedBlockTxs } from './decodeBlockTxs.ts'
import { feedOfChunks, type BlockTxFeed } from './blockTxFeed.ts'
import type { TxCheckRequest, TxCheckResponse } from './txCheckWorker.ts'

export interface TxCheckPoolOptions {
  common: Common
  blockGasLimit: bigint
  baseFeeFloor: bigint
  /** Worker threads (≥ 1). */
  workers: number
  /** Txs per worker request (default 128): execution waits for at most one chunk's checks. */
  chunkSize?: number
}

export interface TxCheckPool {
  /** Starts the checks of decodeBlockTxs(raws) on the workers; the feed hands the txs out as they pass. */
  check(raws: readonly Uint8Array[]): BlockTxFeed
  /**
   * Settles once every worker has loaded its code and answered (an empty request each): a worker
   * takes ~0.5–1 s to load the sources, which the first block would otherwise wait for. Rejects
   * with the error of a worker that could not start.
   */
  ready(): Promise<void>
  close(): Promise<void>
}

/** Registers tsx in the worker (the sources are TypeScript), then loads the worker body. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads')
import(workerData.tsx)
  .then((api) => { api.register(); return import(workerData.entry) })
  .catch((error) => setImmediate(() => { throw error }))
`

interface Job {
  resolve(result: CheckedBlockTxs): void
  reject(error: unknown): void
}

interface PoolWorker {
  worker: Worker
  jobs: Map<number, Job>
}

export function createTxCheckPool(options: TxCheckPoolOptions): TxCheckPool {
  const chunkSize = options.chunkSize ?? 128
  // Set to 1 by close(): each worker exits at its next message instead of being terminated.
  const stop = new Int32Array(new SharedArrayBuffer(4))
  const workerData = { tsx: import.meta.resolve('tsx/esm/api'), entry: new URL('./txCheckWorker.ts', import.meta.url).href, stop }
  const slots: (PoolWorker | undefined)[] = Array.from({ length: Math.max(1, options.workers) }, () => undefined)
  let nextId = 0
  let nextSlot = 0
  let closed = false

  function start(slot: number): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(BOOTSTRAP, { eval: true, workerData }), jobs: new Map() }
    entry.worker.unref()
    const fail = (error: unknown) => {
      if (slots[slot] === entry) slots[slot] = undefined
      for (const job of entry.jobs.values()) job.reject(error)
      entry.jobs.clear()
    }
    entry.worker.on('message', ({ id, result }: TxCheckResponse) => {
      const job = entry.jobs.get(id)
      if (job === undefined) return
      entry.jobs.delete(id)
      // Not while closing: close() keeps the worker referenced until it has exited.
      if (entry.jobs.size === 0 && !closed) entry.worker.unref()
      job.resolve(result)
    })
    entry.worker.on('error', fail)
    entry.worker.on('exit', (code) => fail(new Error(`tx check worker exited with code ${code}`)))
    slots[slot] = entry
    return entry
  }

  function run(offset: number, raws: Uint8Array[]): Promise<CheckedBlockTxs> {
    if (closed) return Promise.reject(new Error('tx check pool is closed'))
    const slot = nextSlot
    nextSlot = (nextSlot + 1) % slots.length
    const entry = slots[slot] ?? start(slot)
    const id = nextId++
    return new Promise<CheckedBlockTxs>((resolve, reject) => {
      entry.jobs.set(id, { resolve, reject })
      if (entry.jobs.size === 1) entry.worker.ref()
      const request: TxCheckRequest = { id, chainId: options.common.chainId(), blockGasLimit: options.blockGasLimit, baseFeeFloor: options.baseFeeFloor, offset, raws }
      entry.worker.postMessage(request)
    })
  }

  for (let slot = 0; slot < slots.length; slot++) start(slot)

  return {
    check(raws) {
      const chunks: Promise<CheckedBlockTxs>[] = []
      for (let offset = 0; offset < raws.length; offset += chunkSize) {
        const chunk = run(offset, raws.slice(offset, offset + chunkSize))
        // Awaited by the feed; a block refused before its txs are looked at never awaits it.
        chunk.catch(() => undefined)
        chunks.push(chunk)
      }
      return feedOfChunks(raws, chunkSize, chunks, options.common)
    },
    async ready() {
      await Promise.all(slots.map(() => run(0, [])))
    },
    async close() {
      closed = true
      Atomics.store(stop, 0, 1)
      await Promise.all(
        slots.map(async (entry, i) => {
          slots[i] = undefined
          if (entry === undefined) return
          // An idle worker is unreferenced: waiting for its exit would not keep the process alive,
          // and a caller awaiting close() (replica.stop) could be cut off before its next step.
          entry.worker.ref()
          const exited = new Promise((resolve) => entry.worker.once('exit', resolve))
          // Not worker.terminate(): stopping a thread inside the native secp256k1 call aborts the
          // whole process (its C++ exception cannot unwind a terminating environment). The worker
          // exits between chunks: it sees the stop flag at its next message (this one wakes it).
          entry.worker.postMessage('stop')
          await exited
        }),
      )
    },
  }
}
