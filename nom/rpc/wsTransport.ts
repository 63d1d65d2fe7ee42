/**
 * JSON-RPC over WebSocket (go-zenon port 35998). Reconnects by itself with exponential backoff
 * after any drop; requests wait for the socket (up to their timeout) and are retried after a drop
 * when idempotent or not yet sent. Subscription frames and reconnects are reported to listeners;
 * resubscribing is the subscription layer's job (nom/rpc/subscriptions.ts).
 */
import WebSocket from 'ws'
import type { RequestOptions, RetryPolicy, Transport } from './transport.ts'
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, backoffDelay } from './transport.ts'
import type { SubscriptionFrame } from './jsonrpc.ts'
import { isObject, resultOf, subscriptionFrameOf } from './jsonrpc.ts'
import { TimeoutError, TransportError } from '../errors.ts'

export interface WSTransportOptions {
  url: string
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** Reconnect backoff: first delay and cap (defaults 50 ms and 2 s). */
  reconnectDelayMs?: number
  maxReconnectDelayMs?: number
  /** Ping interval; a socket that has not answered the previous ping is dropped. Default 15 s, 0 = off. */
  keepaliveMs?: number
}

interface Pending {
  resolve: (v: unknown) => void
  reject: (e: Error) => void
}

class NotSentError extends TransportError {
  override name = 'TransportError'
}

export class WSTransport implements Transport {
  readonly url: string
  private readonly timeoutMs: number
  private readonly retry: RetryPolicy
  private readonly reconnectDelayMs: number
  private readonly maxReconnectDelayMs: number
  private socket: WebSocket | undefined
  private open = false
  private closed = false
  private nextId = 1
  private reconnectAttempt = 0
  private connections = 0
  private reconnectTimer: NodeJS.Timeout | undefined
  private keepaliveTimer: NodeJS.Timeout | undefined
  private readonly keepaliveMs: number
  private readonly pending = new Map<number, Pending>()
  private waiters: (() => void)[] = []
  private readonly frameListeners = new Set<(f: SubscriptionFrame) => void>()
  private readonly reconnectListeners = new Set<() => void>()

  constructor(options: WSTransportOptions) {
    this.url = options.url
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.retry = { ...DEFAULT_RETRY, ...options.retry }
    this.reconnectDelayMs = options.reconnectDelayMs ?? 50
    this.maxReconnectDelayMs = options.maxReconnectDelayMs ?? 2_000
    this.keepaliveMs = options.keepaliveMs ?? 15_000
    this.connect()
  }

  /** Number of times a socket has opened (1 after the first connect). */
  get connectionCount(): number {
    return this.connections
  }

  get isOpen(): boolean {
    return this.open
  }

  onSubscriptionFrame(listener: (f: SubscriptionFrame) => void): () => void {
    this.frameListeners.add(listener)
    return () => this.frameListeners.delete(listener)
  }

  /** Called after every reconnect (not after the first connect). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  /** Drops the current socket abruptly, as a network failure would; the transport reconnects. */
  dropConnection(): void {
    this.socket?.terminate()
  }

  private connect(): void {
    if (this.closed) return
    const ws = new WebSocket(this.url)
    this.socket = ws
    ws.on('open', () => {
      if (this.socket !== ws) return
      this.open = true
      this.reconnectAttempt = 0
      this.connections++
      const waiters = this.waiters
      this.waiters = []
      for (const w of waiters) w()
      if (this.keepaliveMs > 0) {
        let answered = true
        ws.on('pong', () => (answered = true))
        this.keepaliveTimer = setInterval(() => {
          if (!answered) return ws.terminate()
          answered = false
          ws.ping()
        }, this.keepaliveMs)
      }
      if (this.connections > 1) for (const l of this.reconnectListeners) l()
    })
    ws.on('message', (raw) => this.onMessage(raw.toString()))
    ws.on('error', () => {
      // 'close' follows and handles the reconnect
    })
    ws.on('close', () => {
      if (this.socket !== ws) return
      clearInterval(this.keepaliveTimer)
      this.open = false
      this.socket = undefined
      const pending = [...this.pending.values()]
      this.pending.clear()
      for (const p of pending) p.reject(new TransportError(`connection to ${this.url} closed before the answer`))
      if (this.closed) return
      const delay = Math.min(this.maxReconnectDelayMs, this.reconnectDelayMs * 2 ** this.reconnectAttempt++)
      this.reconnectTimer = setTimeout(() => this.connect(), delay)
    })
  }

  private onMessage(text: string): void {
    let msg: unknown
    try {
      msg = JSON.parse(text)
    } catch {
      return
    }
    const frame = subscriptionFrameOf(msg)
    if (frame !== undefined) {
      for (const l of this.frameListeners) l(frame)
      return
    }
    if (!isObject(msg) || typeof msg.id !== 'number') return
    const p = this.pending.get(msg.id)
    if (p === undefined) return
    this.pending.delete(msg.id)
    try {
      p.resolve(resultOf(msg))
    } catch (e) {
      p.reject(e as Error)
    }
  }

  private waitOpen(deadline: number): Promise<void> {
    if (this.open) return Promise.resolve()
    if (this.closed) return Promise.reject(new NotSentError('transport is closed'))
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done)
        reject(new TimeoutError(`no connection to ${this.url} within the timeout`))
      }, Math.max(0, deadline - Date.now()))
      const done = () => {
        clearTimeout(timer)
        resolve()
      }
      this.waiters.push(done)
    })
  }

  private async attempt(method: string, params: unknown[], timeout: number): Promise<unknown> {
    const deadline = Date.now() + timeout
    await this.waitOpen(deadline)
    const socket = this.socket
    if (socket === undefined || !this.open) throw new NotSentError(`connection to ${this.url} is down`)
    const id = this.nextId++
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new TimeoutError(`no answer to ${method} from ${this.url} within ${timeout} ms`))
      }, Math.max(0, deadline - Date.now()))
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer)
          resolve(v)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      })
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }), (err) => {
        if (err === undefined || err === null) return
        const p = this.pending.get(id)
        if (p === undefined) return
        this.pending.delete(id)
        p.reject(new NotSentError(`cannot send to ${this.url}: ${err.message}`, { cause: err }))
      })
    })
  }

  async request(method: string, params: unknown[], options: RequestOptions = {}): Promise<unknown> {
    const timeout = options.timeoutMs ?? this.timeoutMs
    for (let i = 0; ; i++) {
      try {
        return await this.attempt(method, params, timeout)
      } catch (e) {
        const idempotent = options.idempotent !== false
        const retriable = e instanceof NotSentError || (idempotent && (e instanceof TransportError || e instanceof TimeoutError))
        if (!retriable || i >= this.retry.retries || this.closed) throw e
        await new Promise((r) => setTimeout(r, backoffDelay(this.retry, i)))
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.reconnectTimer)
    clearInterval(this.keepaliveTimer)
    const ws = this.socket
    for (const p of this.pending.values()) p.reject(new TransportError('transport is closed'))
    this.pending.clear()
    if (ws === undefined) return
    if (ws.readyState === WebSocket.CLOSED) return
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve())
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate()
      else ws.close()
    })
  }
}
