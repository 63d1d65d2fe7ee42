/**
 * Sender recovery (secp256k1 ecrecover, ~50–90 µs per tx in the native binding) for admission, off
 * the main thread when txs arrive in bulk: requests made in the same tick (a JSON-RPC batch starts
 * all its eth_sendRawTransaction calls at once) are sent to one worker thread in chunks, so the
 * main thread decodes, checks and admits earlier txs while the worker recovers later ones. A lone
 * request (a single send, automine) is recovered inline: a worker round trip would only add latency.
 *
 * The worker runs the same native binding as node/crypto.ts; results are identical to inline
 * recovery. It is started on the first bulk request, held referenced only while it has work (an
 * idle worker never keeps the process alive), and ended after `idleMs` without work.
 *
 * Opt-in (TxPoolOptions.senderRecovery): on the 2-core bench machine it measured no faster than
 * recovery on the main thread (npm run bench, in-process admission of 2,000 transfers: 310 ms with
 * the worker, 290 ms without), since a client that waits for each batch of 100 leaves little to
 * overlap; it is for hosts with cores to spare.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

export interface RecoveryRequest {
  /** The signing hash (32 bytes). */
  message: Uint8Array
  /** r ‖ s, 32 bytes each. */
  signature: Uint8Array
  /** 0 or 1. */
  recid: number
}

export interface SenderRecovery {
  /** The 64-byte public key (no 0x04 prefix); undefined when the signature recovers no key. */
  recover(request: RecoveryRequest): Promise<Uint8Array | undefined>
  /**
   * Ends the worker (if started) once it has answered what it was sent, so pending requests still
   * get their keys; later requests start a new one.
   */
  close(): Promise<void>
}

export interface SenderRecoveryOptions {
  /** Fewer requests than this in one tick are recovered inline (default 4). */
  minBulk?: number
  /** Requests per message to the worker (default 20): smaller chunks return their first results sooner. */
  chunk?: number
  /** Idle time after which the worker ends (default 5,000 ms). */
  idleMs?: number
}

interface NativeSecp256k1 {
  ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean): Uint8Array
}

/** Bytes per request on the wire: message (32), signature (64), recid (1). */
const REQUEST_BYTES = 97
/** Bytes per result: public key (64), ok flag (1). */
const RESULT_BYTES = 65

/** The worker: recovers a packed chunk and answers with a packed result (transferred, not copied). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const native = require(workerData.binding)
parentPort.on('message', (message) => {
  // Asked to end: every earlier chunk has been answered (messages come in order); closing the port
  // lets the thread end by itself, never inside the native call.
  if (message === 'stop') return parentPort.close()
  const { id, input, count } = message
  const out = new Uint8Array(count * ${RESULT_BYTES})
  for (let i = 0; i < count; i++) {
    const at = i * ${REQUEST_BYTES}
    try {
      const key = native.ecdsaRecover(input.subarray(at + 32, at + 96), input[at + 96], input.subarray(at, at + 32), false)
      out.set(key.subarray(1), i * ${RESULT_BYTES})
      out[i * ${RESULT_BYTES} + 64] = 1
    } catch {
      out[i * ${RESULT_BYTES} + 64] = 0
    }
  }
  parentPort.postMessage({ id, out }, [out.buffer])
})
`

interface Pending {
  request: RecoveryRequest
  resolve(key: Uint8Array | undefined): void
  reject(error: unknown): void
}

export function createSenderRecovery(options: SenderRecoveryOptions = {}): SenderRecovery {
  const minBulk = options.minBulk ?? 4
  const chunkSize = options.chunk ?? 20
  const idleMs = options.idleMs ?? 5_000
  const require = createRequire(import.meta.url)
  const bindingPath = require.resolve('secp256k1/bindings')
  const native = require(bindingPath) as NativeSecp256k1
  let queued: Pending[] = []
  let flushScheduled = false
  let worker: Worker | undefined
  let nextId = 0
  const inFlight = new Map<number, Pending[]>()
  let idleTimer: NodeJS.Timeout | undefined

  function recoverInline(request: RecoveryRequest): Uint8Array | undefined {
    try {
      return native.ecdsaRecover(request.signature, request.recid, request.message, false).subarray(1)
    } catch {
      return undefined
    }
  }

  function failAll(error: unknown): void {
    for (const chunk of inFlight.values()) for (const p of chunk) p.reject(error)
    inFlight.clear()
  }

  function startWorker(): Worker {
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { binding: bindingPath } })
    started.on('message', ({ id, out }: { id: number; out: Uint8Array }) => {
      const chunk = inFlight.get(id)
      if (chunk === undefined) return
      inFlight.delete(id)
      chunk.forEach((p, i) => {
        const at = i * RESULT_BYTES
        p.resolve(out[at + 64] === 1 ? out.subarray(at, at + 64) : undefined)
      })
      if (inFlight.size === 0) idle()
    })
    started.on('error', (error) => {
      if (worker === started) worker = undefined
      failAll(error)
    })
    started.on('exit', () => {
      if (worker === started) worker = undefined
      if (inFlight.size > 0) failAll(new Error('sender recovery worker exited'))
    })
    return started
  }

  /**
   * Ends a worker after the chunks it was sent: not worker.terminate(), which stopping the thread
   * inside the native secp256k1 call turns into an abort of the whole process.
   */
  function end(ending: Worker): Promise<void> {
    ending.ref()
    const exited = new Promise<void>((resolve) => ending.once('exit', () => resolve()))
    ending.postMessage('stop')
    return exited
  }

  /** No work left: let the process exit if it wants to, and end the worker after idleMs. */
  function idle(): void {
    worker?.unref()
    if (idleTimer !== undefined) clearTimeout(idleTimer)
    idleTimer = setTimeout(() => {
      idleTimer = undefined
      if (inFlight.size === 0 && worker !== undefined) {
        const ending = worker
        worker = undefined
        void end(ending)
      }
    }, idleMs)
    idleTimer.unref()
  }

  function send(chunk: Pending[]): void {
    if (worker === undefined) worker = startWorker()
    worker.ref()
    if (idleTimer !== undefined) {
      clearTimeout(idleTimer)
      idleTimer = undefined
    }
    const input = new Uint8Array(chunk.length * REQUEST_BYTES)
    chunk.forEach(({ request }, i) => {
      const at = i * REQUEST_BYTES
      input.set(request.message, at)
      input.set(request.signature, at + 32)
      input[at + 96] = request.recid
    })
    const id = nextId++
    inFlight.set(id, chunk)
    worker.postMessage({ id, input, count: chunk.length }, [input.buffer])
  }

  function flush(): void {
    flushScheduled = false
    const batch = queued
    queued = []
    if (batch.length < minBulk) {
      for (const p of batch) p.resolve(recoverInline(p.request))
      return
    }
    for (let i = 0; i < batch.length; i += chunkSize) send(batch.slice(i, i + chunkSize))
  }

  return {
    recover(request) {
      return new Promise((resolve, reject) => {
        queued.push({ request, resolve, reject })
        if (!flushScheduled) {
          flushScheduled = true
          // Once the running code yields: every request its synchronous loop makes is in this batch.
          queueMicrotask(flush)
        }
      })
    },
    async close() {
      if (idleTimer !== undefined) clearTimeout(idleTimer)
      idleTimer = undefined
      const ending = worker
      worker = undefined
      if (ending !== undefined) await end(ending)
    },
  }
}
