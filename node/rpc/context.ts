/**
 * What every RPC method receives: the node backend, the server's frozen options, the filter registry
 * shared by all clients of this server, and (over WebSocket only) the connection's subscriptions.
 */
import type { NodeBackend } from '../backend.ts'
import type { FilterRegistry } from './filters.ts'
import type { SubscriptionSet } from './subscriptions.ts'

/**
 * One structured log line at a boundary (request failed, server listening). Same shape as the node's
 * logger (node/log.ts), so the node can pass its own.
 */
export type RPCLogger = (event: { level: 'info' | 'warn' | 'error'; module: string; msg: string; [field: string]: string | number | boolean | undefined }) => void

export interface RPCServerOptions {
  host: string
  /** 0 picks a free port. */
  port: number
  /** Largest accepted HTTP body or WebSocket message, in bytes. */
  maxBodyBytes: number
  /** Most requests in one JSON-RPC batch. */
  maxBatchSize: number
  /** Origins allowed by CORS; `*` allows any. */
  corsOrigins: string[]
  /** Most blocks one eth_getLogs / eth_getFilterLogs range may span. */
  logRangeLimit: number
  /** Most logs one query may return. */
  maxLogResults: number
  /** Idle time after which an installed filter is removed (geth: 5 minutes). */
  filterTimeoutMs?: number
  /** WebSocket ping period; a client that has not answered the previous ping is dropped. Default 30 s. */
  wsPingIntervalMs?: number
  /** Structured log sink; defaults to JSON lines on stderr for warnings and errors. */
  log?: RPCLogger
}

export interface RPCContext {
  backend: NodeBackend
  options: Readonly<RPCServerOptions>
  filters: FilterRegistry
  /** The WebSocket connection's subscriptions; undefined over HTTP. */
  subscriptions: SubscriptionSet | undefined
}

/** A JSON-RPC method: positional params in, JSON-ready result out; throws node errors. */
export type RPCMethod = (ctx: RPCContext, params: unknown[]) => Promise<unknown>
