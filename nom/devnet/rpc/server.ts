/**
 * The devnet's two listeners: JSON-RPC over HTTP POST (hono on @hono/node-server, CORS `*`) and
 * JSON-RPC over WebSocket (`ws`), where subscriptions live.
 */
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import type { RPCContext, RPCMethod } from './context.ts'
import { handleBody } from './dispatch.ts'
import { Subscriptions } from './subscriptions.ts'

export interface RPCServers {
  httpUrl: string
  wsUrl: string
  subscriptions: Subscriptions
  close(): Promise<void>
}

export async function startRPCServers(args: {
  table: ReadonlyMap<string, RPCMethod>
  context: RPCContext
  http: { host: string; port: number }
  ws: { host: string; port: number }
}): Promise<RPCServers> {
  const { table, context } = args
  const app = new Hono()
  app.use('*', cors({ origin: '*' }))
  app.post('/', async (c) => {
    const out = await handleBody(table, context, await c.req.text())
    return c.body(out ?? '', 200, { 'content-type': 'application/json' })
  })

  const httpServer = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: args.http.host, port: args.http.port }, () => resolve(s as Server)) as Server
    s.once('error', reject)
  })
  const httpPort = (httpServer.address() as AddressInfo).port

  const subscriptions = new Subscriptions()
  const wss = await new Promise<WebSocketServer>((resolve, reject) => {
    const s: WebSocketServer = new WebSocketServer({ host: args.ws.host, port: args.ws.port }, (): void => resolve(s))
    s.once('error', reject)
  })
  const sockets = new Set<WebSocket>()
  wss.on('connection', (socket) => {
    sockets.add(socket)
    const connection = {}
    const deliver = (frame: string) => {
      if (socket.readyState === socket.OPEN) socket.send(frame)
    }
    const ctx: RPCContext = { ...context, subscriptions, connection, deliver }
    let chain: Promise<void> = Promise.resolve()
    socket.on('message', (data) => {
      const text = data.toString()
      chain = chain.then(async () => {
        const out = await handleBody(table, ctx, text)
        if (out !== undefined) deliver(out)
      })
    })
    socket.on('close', () => {
      sockets.delete(socket)
      subscriptions.dropConnection(connection)
    })
    socket.on('error', () => socket.terminate())
  })
  const wsPort = (wss.address() as AddressInfo).port

  return {
    httpUrl: `http://${args.http.host}:${httpPort}`,
    wsUrl: `ws://${args.ws.host}:${wsPort}`,
    subscriptions,
    close: async () => {
      for (const s of sockets) s.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      httpServer.closeAllConnections?.()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }
}
