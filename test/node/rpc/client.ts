/**
 * A plain JSON-RPC client for the tests: raw requests over fetch and WebSocket, so tests see exactly
 * what the server sends (status, body, error objects), plus `call` which asserts success and checks
 * the result against the method's schema.
 */
import assert from 'node:assert/strict'
import WebSocket from 'ws'
import { assertResultSchema } from './schema.ts'

export interface RPCErrorBody {
  code: number
  message: string
  data?: unknown
}

export interface RPCReply {
  jsonrpc: '2.0'
  id: string | number | null
  result?: unknown
  error?: RPCErrorBody
}

export async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body })
  return { status: response.status, text: await response.text(), headers: response.headers }
}

export async function request(url: string, method: string, params: unknown[] = []): Promise<RPCReply> {
  const { status, text } = await post(url, JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }))
  assert.equal(status, 200, text)
  return JSON.parse(text) as RPCReply
}

/** Calls a method, asserts it succeeded and that the result matches the method's schema. */
export async function call<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const reply = await request(url, method, params)
  assert.equal(reply.error, undefined, `${method} failed: ${JSON.stringify(reply.error)}`)
  assertResultSchema(method, reply.result)
  return reply.result as T
}

/** Calls a method and returns its error object, asserting it failed. */
export async function callError(url: string, method: string, params: unknown[] = []): Promise<RPCErrorBody> {
  const reply = await request(url, method, params)
  assert.ok(reply.error !== undefined, `${method} succeeded unexpectedly: ${JSON.stringify(reply.result)}`)
  return reply.error
}

/** A WebSocket JSON-RPC connection that separates replies from subscription notifications. */
export class WSClient {
  private nextId = 1
  private readonly waiting = new Map<number, (reply: RPCReply) => void>()
  readonly notifications: { subscription: string; result: unknown }[] = []
  private readonly notificationWaiters: (() => void)[] = []

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as RPCReply & { method?: string; params?: { subscription: string; result: unknown } }
      if (message.method === 'eth_subscription' && message.params !== undefined) {
        this.notifications.push(message.params)
        for (const wake of this.notificationWaiters.splice(0)) wake()
        return
      }
      const resolve = this.waiting.get(message.id as number)
      if (resolve !== undefined) {
        this.waiting.delete(message.id as number)
        resolve(message)
      }
    })
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<WSClient> {
    const socket = new WebSocket(url, { headers })
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return new WSClient(socket)
  }

  async request(method: string, params: unknown[] = []): Promise<RPCReply> {
    const id = this.nextId++
    const reply = new Promise<RPCReply>((resolve) => this.waiting.set(id, resolve))
    this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
    return reply
  }

  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const reply = await this.request(method, params)
    assert.equal(reply.error, undefined, `${method} failed: ${JSON.stringify(reply.error)}`)
    assertResultSchema(method, reply.result)
    return reply.result as T
  }

  /** Waits until `count` notifications for `subscription` have arrived (or the timeout passes). */
  async waitForNotifications(subscription: string, count: number, timeoutMs = 10_000): Promise<unknown[]> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const matching = this.notifications.filter((n) => n.subscription === subscription).map((n) => n.result)
      if (matching.length >= count) return matching
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new Error(`timed out waiting for ${count} notifications of ${subscription}, got ${matching.length}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining)
        this.notificationWaiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve())
      this.socket.close()
    })
  }
}
