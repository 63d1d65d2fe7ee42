/** JSON-RPC 2.0 frames as go-zenon sends them, and the mapping of a response to a result or error. */
import { RPCError, TransportError } from '../errors.ts'

export interface JSONRPCRequest {
  jsonrpc: '2.0'
  id: number
  method: string
  params: unknown[]
}

export interface SubscriptionFrame {
  subscription: string
  result: unknown
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The `result` of a response object, or the node's error as RPCError. */
export function resultOf(response: unknown): unknown {
  if (!isObject(response)) throw new TransportError(`malformed JSON-RPC response: ${JSON.stringify(response)?.slice(0, 200)}`)
  if (response.error !== undefined && response.error !== null) {
    const e = response.error
    if (!isObject(e) || typeof e.code !== 'number' || typeof e.message !== 'string') {
      throw new TransportError(`malformed JSON-RPC error: ${JSON.stringify(e)?.slice(0, 200)}`)
    }
    throw new RPCError(e.code, e.message, e.data)
  }
  if (!('result' in response)) throw new TransportError('JSON-RPC response without result or error')
  return response.result
}

/** `{method:"ledger.subscription", params:{subscription, result}}`, or undefined for other frames. */
export function subscriptionFrameOf(message: unknown): SubscriptionFrame | undefined {
  if (!isObject(message) || message.id !== undefined || typeof message.method !== 'string') return undefined
  if (!message.method.endsWith('.subscription')) return undefined
  const p = message.params
  if (!isObject(p) || typeof p.subscription !== 'string') return undefined
  return { subscription: p.subscription, result: p.result }
}
