/**
 * Runs the stateless checks of a block's txs (decodeBlockTxs.ts: decoding, admission checks, sender
 * recovery with the native secp256k1 binding) on worker threads, so the replica's main thread only
 * builds the tx objects and executes. A block's txs are split across the workers in order; checks
 * of the next blocks run while the main thread executes the current one when the caller asks early
 * (Replica.prefetch, or several applyBlock calls in flight).
 *
 * Workers load the TypeScript sources through tsx (registered in each worker), are referenced only
 * while they have work (an idle pool never keeps the process alive) and end on close().
 */
import { Worker } from 'node:worker_threads'
import type { Common } from '@ethereumjs/common'
import { buildBlockTxs, type CheckedBlockTxs, type CheckedTx, type DecodedBlockTxs, type TxFailure } from './decodeBlockTxs.ts'
import type { TxCheckRequest, TxCheckResponse } from './txCheckWorker.ts'

export interface TxCheckPoolOptions {
  common: Common
  blockGasLimit: bigint
  baseFeeFloor: bigint
  /** Worker threads (≥ 1). */
  workers: number
  /** Fewest txs per worker chunk (default 64): small blocks go to one worker. */
  minChunk?: number
}

export interface TxCheckPool {
  /** decodeBlockTxs(raws) with the checks on the workers. */
  check(raws: readonly Uint8Array[]): Promise<DecodedBlockTxs>
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
  const minChunk = options.minChunk ?? 64
  const workerData = { tsx: import.meta.resolve('tsx/esm/api'), entry: new URL('./txCheckWorker.ts', import.meta.url).href }
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
      if (entry.jobs.size === 0) entry.worker.unref()
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

  return {
    async check(raws) {
      if (raws.length === 0) return { txs: [], failure: undefined }
      const parts = Math.max(1, Math.min(slots.length, Math.floor(raws.length / minChunk)))
      const size = Math.ceil(raws.length / parts)
      const chunks: Promise<CheckedBlockTxs>[] = []
      for (let offset = 0; offset < raws.length; offset += size) chunks.push(run(offset, raws.slice(offset, offset + size)))
      const checked: CheckedTx[] = []
      let failure: TxFailure | undefined
      for (const chunk of await Promise.all(chunks)) {
        checked.push(...chunk.checked)
        failure = chunk.failure
        if (failure !== undefined) break
      }
      return buildBlockTxs(raws, { checked, failure }, options.common)
    },
    async close() {
      closed = true
      await Promise.all(
        slots.map(async (entry, i) => {
          slots[i] = undefined
          if (entry !== undefined) await entry.worker.terminate()
        }),
      )
    },
  }
}
