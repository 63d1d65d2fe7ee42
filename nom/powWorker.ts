/**
 * PoW off the main thread: one or more worker threads search from independent random nonces; the
 * first valid nonce wins and the others are terminated. The calling event loop stays free.
 */
import { Worker } from 'node:worker_threads'
import { randomBytes } from 'node:crypto'
import type { Address, Hash } from './types.ts'
import { powData, powThreshold } from './pow.ts'
import { NoMError } from './errors.ts'

export interface SolvePoWOptions {
  /** Parallel workers (default 1). */
  workers?: number
  /** First nonce the first worker tries (little-endian counter from there); default random. */
  startNonce?: Uint8Array
  signal?: AbortSignal
}

export class PoWAbortedError extends NoMError {
  override name = 'PoWAbortedError'
}

const WORKER_URL = new URL('./powWorkerThread.js', import.meta.url)

export function solvePoWInWorker(address: Address, previousHash: Hash, difficulty: bigint, options: SolvePoWOptions = {}): Promise<Uint8Array> {
  if (difficulty === 0n) return Promise.resolve(new Uint8Array(8))
  const data = powData(address, previousHash)
  const threshold = powThreshold(difficulty)
  const count = Math.max(1, options.workers ?? 1)
  return new Promise<Uint8Array>((resolve, reject) => {
    const workers: Worker[] = []
    let settled = false
    const finish = (err: Error | undefined, nonce?: Uint8Array) => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', onAbort)
      for (const w of workers) void w.terminate()
      if (err !== undefined) reject(err)
      else resolve(nonce!)
    }
    const onAbort = () => finish(new PoWAbortedError('PoW aborted'))
    if (options.signal?.aborted === true) return onAbort()
    options.signal?.addEventListener('abort', onAbort)
    for (let i = 0; i < count; i++) {
      const w = new Worker(WORKER_URL, { workerData: { data, threshold, start: i === 0 && options.startNonce !== undefined ? Uint8Array.from(options.startNonce) : new Uint8Array(randomBytes(8)) } })
      w.on('message', (m: { nonce: Uint8Array }) => finish(undefined, new Uint8Array(m.nonce)))
      w.on('error', (e) => finish(new NoMError(`PoW worker failed: ${e.message}`, { cause: e })))
      w.on('exit', (code) => {
        if (!settled) finish(new NoMError(`PoW worker exited with code ${code}`))
      })
      workers.push(w)
    }
  })
}
