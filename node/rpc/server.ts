/**
 * The JSON-RPC server: one port for HTTP POST (hono on @hono/node-server) and WebSocket (`ws`,
 * upgraded on the same http server), CORS, body / message size limit, batch limit. Filters live as
 * long as the server; subscriptions as long as their connection.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { WebSocketServer, type WebSocket } from 'ws'
import type { NodeBackend } from '../backend.ts'
import type { RPCContext, RPCLogger, RPCMethod, RPCServerOptions } from './context.ts'
import { Dispatcher } from './dispatch.ts'
import { FilterRegistry } from './filters.ts'
import { createJSONRPCPostListener } from './httpPost.ts'
import { methods } from './methods/index.ts'
import { SubscriptionSet } from './subscriptions.ts'

export type { RPCServerOptions } from './context.ts'

export interface RPCServer {
  listen(): Promise<{ url: string; wsUrl: string; port: number }>
  close(): Promise<void>
}

/** geth's idle filter lifetime. */
const defaultFilterTimeoutMs = 5 * 60_000

/** WebSocket clients that miss a ping for this long are dropped (and their subscriptions with them). */
const defaultPingIntervalMs = 30_000

const stderrLogger: RPCLogger = (event) => {
  if (event.level !== 'info') process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`)
}

function originAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  return origin === undefined || allowed.includes('*') || allowed.includes(origin)
}

/**
 * Joins the node's method table with methods another room adds (the bridge's `nomx_*` methods).
 * A name the node already serves cannot be replaced.
 */
export function withExtraMethods(extra: ReadonlyMap<string, RPCMethod> | undefined): ReadonlyMap<string, RPCMethod> {
  if (extra === undefined || extra.size === 0) return methods
  const joined = new Map(methods)
  for (const [name, method] of extra) {
    if (joined.has(name)) throw new Error(`RPC method ${name} is already served by the node`)
    joined.set(name, method)
  }
  return joined
}

export function createRPCServer(backend: NodeBackend, options: RPCServerOptions, extraMethods?: ReadonlyMap<string, RPCMethod>): RPCServer {
  const config: Readonly<RPCServerOptions> = Object.freeze({ ...options, corsOrigins: [...options.corsOrigins] })
  const log = config.log ?? stderrLogger
  const filters = new FilterRegistry({ events: backend.events, timeoutMs: config.filterTimeoutMs ?? defaultFilterTimeoutMs })
  const dispatcher = new Dispatcher({ methods: withExtraMethods(extraMethods), maxBatchSize: config.maxBatchSize, log })
  const httpContext: RPCContext = { backend, options: config, filters, subscriptions: undefined }

  const app = new Hono()
  app.use(
    '*',
    cors({
      origin: (origin) => (config.corsOrigins.includes('*') ? '*' : config.corsOrigins.includes(origin) ? origin : null),
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['Content-Type'],
      maxAge: 600,
    }),
  )

  // POST / (every JSON-RPC call) is answered on node:http directly; hono serves the rest (CORS
  // preflight, other paths). Both give a POST the same statuses, bodies and CORS headers.
  const honoListener = getRequestListener(app.fetch)
  const postListener = createJSONRPCPostListener({
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    handle: (text) => dispatcher.handleText(httpContext, text),
    onError: (error) =>
      log({ level: 'error', msg: 'rpc request failed', module: 'rpc', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  })
  const server = createServer((req, res) => {
    if (!postListener(req, res)) void honoListener(req, res)
  })
  const sockets = new WebSocketServer({ noServer: true, maxPayload: config.maxBodyBytes })

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (!originAllowed(config.corsOrigins, request.headers.origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveConnection(ws))
  }

  const alive = new WeakSet<WebSocket>()
  const heartbeat = setInterval(() => {
    for (const client of sockets.clients) {
      if (!alive.has(client)) {
        client.terminate()
        continue
      }
      alive.delete(client)
      client.ping()
    }
  }, config.wsPingIntervalMs ?? defaultPingIntervalMs)
  heartbeat.unref()

  const serveConnection = (ws: WebSocket): void => {
    alive.add(ws)
    ws.on('pong', () => alive.add(ws))
    const subscriptions = new SubscriptionSet(backend.events, (notification) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(notification))
    })
    const context: RPCContext = { backend, options: config, filters, subscriptions }
    // Messages of one connection run one after another, like a batch: order is kept.
    let queue: Promise<void> = Promise.resolve()
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')
      queue = queue.then(async () => {
        const reply = await dispatcher.handleText(context, text)
        if (reply !== undefined && ws.readyState === ws.OPEN) ws.send(reply)
      })
    })
    ws.on('close', () => subscriptions.close())
    ws.on('error', () => subscriptions.close())
  }

  server.on('upgrade', onUpgrade)

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.port, config.host, () => {
          server.off('error', reject)
          const { port } = server.address() as AddressInfo
          const host = config.host.includes(':') ? `[${config.host}]` : config.host
          const urls = { url: `http://${host}:${port}`, wsUrl: `ws://${host}:${port}`, port }
          log({ level: 'info', msg: 'rpc listening', module: 'rpc', url: urls.url })
          resolve(urls)
        })
      }),
    close: async () => {
      clearInterval(heartbeat)
      filters.close()
      for (const client of sockets.clients) client.terminate()
      await new Promise<void>((resolve) => sockets.close(() => resolve()))
      if (!server.listening) return
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
    },
  }
}
