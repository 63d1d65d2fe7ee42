/** JSON-RPC over HTTP POST (go-zenon port 35997), with a timeout per attempt and retries with backoff. */
import type { RequestOptions, RetryPolicy, Transport } from './transport.ts'
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, backoffDelay } from './transport.ts'
import { resultOf } from './jsonrpc.ts'
import { TimeoutError, TransportError } from '../errors.ts'

/** A failed HTTP exchange; `refused` when no connection was made (the request never left). */
class HTTPTransportError extends TransportError {
  override name = 'TransportError'
  constructor(
    message: string,
    readonly refused: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export interface HTTPTransportOptions {
  url: string
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
}

export function createHTTPTransport(options: HTTPTransportOptions): Transport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry }
  let nextId = 1
  let closed = false

  async function attempt(body: string, timeout: number): Promise<unknown> {
    let res: Response
    try {
      res = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeout),
      })
    } catch (e) {
      const err = e as Error & { cause?: { code?: unknown; message?: unknown } }
      if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new TimeoutError(`no answer from ${options.url} within ${timeout} ms`, { cause: e })
      const refused = err.cause?.code === 'ECONNREFUSED'
      throw new HTTPTransportError(`cannot reach ${options.url}: ${refused ? 'connection refused' : typeof err.cause?.message === 'string' ? err.cause.message : err.message}`, refused, { cause: e })
    }
    const text = await res.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (e) {
      throw new TransportError(`HTTP ${res.status} from ${options.url} is not JSON: ${text.slice(0, 200)}`, { cause: e })
    }
    return resultOf(json)
  }

  return {
    async request(method: string, params: unknown[], reqOptions: RequestOptions = {}): Promise<unknown> {
      if (closed) throw new TransportError('transport is closed')
      const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params })
      const timeout = reqOptions.timeoutMs ?? timeoutMs
      for (let i = 0; ; i++) {
        try {
          return await attempt(body, timeout)
        } catch (e) {
          // a request that may have reached the node is repeated only when that is harmless
          const idempotent = reqOptions.idempotent !== false
          const notSent = e instanceof HTTPTransportError && e.refused
          const retriable = notSent || (idempotent && (e instanceof TransportError || e instanceof TimeoutError))
          if (!retriable || i >= retry.retries || closed) throw e
          await new Promise((r) => setTimeout(r, backoffDelay(retry, i)))
        }
      }
    },
    async close(): Promise<void> {
      closed = true
    },
  }
}
