/**
 * A small JSON-RPC client for the L2 node (fetch over HTTP): enough for the bridge commands, with
 * errors that say which node did not answer. Values stay 0x hex here; callers convert.
 */
import { BridgeNetworkError } from './errors.ts'

/** The L2 node answered with a JSON-RPC error object. */
export class L2RpcError extends Error {
  override readonly name = 'L2RpcError'
  readonly code: number
  readonly data: unknown
  constructor(method: string, code: number, message: string, data: unknown) {
    super(`${method}: ${message}`)
    this.code = code
    this.data = data
  }
}

/** JSON-RPC "method not found". */
export const METHOD_NOT_FOUND = -32601

export interface L2Rpc {
  readonly url: string
  call<T = unknown>(method: string, params?: unknown[]): Promise<T>
}

export function createL2Rpc(url: string, timeoutMs = 30_000): L2Rpc {
  if (!/^https?:\/\//.test(url)) throw new BridgeNetworkError(`the L2 RPC url must start with http:// or https://, got ${JSON.stringify(url)}`)
  let nextId = 1
  return {
    url,
    async call<T>(method: string, params: unknown[] = []): Promise<T> {
      const id = nextId++
      let response: Response
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (error) {
        throw new BridgeNetworkError(`cannot reach the L2 node at ${url} (${(error as Error).message}): is it running (nomx dev)? Pass --l2-rpc URL to use another`)
      }
      const text = await response.text()
      let body: { result?: unknown; error?: { code: number; message: string; data?: unknown } }
      try {
        body = JSON.parse(text)
      } catch {
        throw new BridgeNetworkError(`the L2 node at ${url} answered ${method} with HTTP ${response.status} and no JSON-RPC reply`)
      }
      if (body.error !== undefined) throw new L2RpcError(method, body.error.code, body.error.message, body.error.data)
      return body.result as T
    },
  }
}
