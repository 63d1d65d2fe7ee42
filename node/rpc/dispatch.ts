/**
 * JSON-RPC 2.0 message handling shared by HTTP and WebSocket: parse, validate, run single requests
 * and batches (entries strictly in order, so txs of one sender keep their nonce order), map errors
 * through errorCodes.ts, drop responses to notifications.
 */
import type { RPCContext, RPCLogger, RPCMethod } from './context.ts'
import { RPCErrorCode, toRPCError, type RPCErrorObject } from './errorCodes.ts'

type RequestId = string | number | null

export interface RPCResponse {
  jsonrpc: '2.0'
  id: RequestId
  result?: unknown
  error?: RPCErrorObject
}

export interface DispatcherOptions {
  methods: ReadonlyMap<string, RPCMethod>
  maxBatchSize: number
  log: RPCLogger
}

function errorResponse(id: RequestId, code: number, message: string): RPCResponse {
  return { jsonrpc: '2.0', id, error: { code, message } }
}

function isValidId(id: unknown): id is RequestId {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))
}

/** A well-formed eth_sendRawTransaction request (its admission order is its call order). */
function isSendRaw(entry: unknown): boolean {
  return entry !== null && typeof entry === 'object' && (entry as { method?: unknown }).method === 'eth_sendRawTransaction'
}

export class Dispatcher {
  constructor(private readonly options: DispatcherOptions) {}

  /** Handles one HTTP body or WebSocket message; undefined when nothing is to be sent back. */
  async handleText(ctx: RPCContext, text: string): Promise<string | undefined> {
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      return JSON.stringify(errorResponse(null, RPCErrorCode.parseError, 'parse error'))
    }
    const response = await this.handleMessage(ctx, message)
    return response === undefined ? undefined : JSON.stringify(response)
  }

  async handleMessage(ctx: RPCContext, message: unknown): Promise<RPCResponse | RPCResponse[] | undefined> {
    if (!Array.isArray(message)) return this.handleRequest(ctx, message)
    if (message.length === 0) return errorResponse(null, RPCErrorCode.invalidRequest, 'empty batch')
    if (message.length > this.options.maxBatchSize) {
      return errorResponse(null, RPCErrorCode.limitExceeded, `batch too large: ${message.length} requests, limit ${this.options.maxBatchSize}`)
    }
    const responses: RPCResponse[] = []
    for (let i = 0; i < message.length; ) {
      // A run of eth_sendRawTransaction entries is started in order without waiting for each answer:
      // the pool admits txs in the order `add` is called, so a sender's nonce order is kept, while
      // journal writes (and, under automine, sealing) overlap across the run.
      let end = i + 1
      if (isSendRaw(message[i])) while (end < message.length && isSendRaw(message[end])) end++
      if (end - i === 1) {
        const response = await this.handleRequest(ctx, message[i])
        if (response !== undefined) responses.push(response)
      } else {
        const started: Promise<RPCResponse | undefined>[] = []
        for (let j = i; j < end; j++) started.push(this.handleRequest(ctx, message[j]))
        for (const response of await Promise.all(started)) if (response !== undefined) responses.push(response)
      }
      i = end
    }
    return responses.length === 0 ? undefined : responses
  }

  private async handleRequest(ctx: RPCContext, request: unknown): Promise<RPCResponse | undefined> {
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      return errorResponse(null, RPCErrorCode.invalidRequest, 'invalid request')
    }
    const { jsonrpc, id, method, params } = request as Record<string, unknown>
    const isNotification = !('id' in request)
    if (!isNotification && !isValidId(id)) return errorResponse(null, RPCErrorCode.invalidRequest, 'invalid request')
    const replyId: RequestId = isNotification ? null : (id as RequestId)
    if (jsonrpc !== '2.0' || typeof method !== 'string') {
      return errorResponse(replyId, RPCErrorCode.invalidRequest, 'invalid request')
    }
    const response = await this.invoke(ctx, replyId, method, params)
    return isNotification ? undefined : response
  }

  private async invoke(ctx: RPCContext, id: RequestId, name: string, params: unknown): Promise<RPCResponse> {
    const method = this.options.methods.get(name)
    if (method === undefined) return errorResponse(id, RPCErrorCode.methodNotFound, `the method ${name} does not exist/is not available`)
    if (params !== undefined && params !== null && !Array.isArray(params)) {
      return errorResponse(id, RPCErrorCode.invalidParams, 'non-array args')
    }
    try {
      const result = await method(ctx, (params ?? []) as unknown[])
      return { jsonrpc: '2.0', id, result: result === undefined ? null : result }
    } catch (error) {
      const mapped = toRPCError(error)
      if (mapped.internal) {
        this.options.log({
          level: 'error',
          msg: 'rpc request failed',
          module: 'rpc',
          method: name,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        })
      }
      return { jsonrpc: '2.0', id, error: mapped.error }
    }
  }
}
