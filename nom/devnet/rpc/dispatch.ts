/** JSON-RPC 2.0 request handling shared by the HTTP and WebSocket servers (single and batch). */
import type { RPCContext, RPCMethod } from './context.ts'
import { RPCCode, toRPCError } from './errors.ts'

type Response = { jsonrpc: '2.0'; id: unknown; result?: unknown; error?: { code: number; message: string } }

async function handleOne(table: ReadonlyMap<string, RPCMethod>, ctx: RPCContext, req: unknown): Promise<Response | undefined> {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) {
    return { jsonrpc: '2.0', id: null, error: { code: RPCCode.invalidRequest, message: 'invalid request' } }
  }
  const r = req as Record<string, unknown>
  const id = r.id ?? null
  const isNotification = !('id' in r)
  if (typeof r.method !== 'string') return { jsonrpc: '2.0', id, error: { code: RPCCode.invalidRequest, message: 'invalid request' } }
  const method = table.get(r.method)
  if (method === undefined) {
    return { jsonrpc: '2.0', id, error: { code: RPCCode.methodNotFound, message: `the method ${r.method} does not exist/is not available` } }
  }
  const params = r.params === undefined || r.params === null ? [] : r.params
  if (!Array.isArray(params)) return { jsonrpc: '2.0', id, error: { code: RPCCode.invalidParams, message: 'non-array args' } }
  try {
    const result = await method(ctx, params)
    return isNotification ? undefined : { jsonrpc: '2.0', id, result }
  } catch (e) {
    return { jsonrpc: '2.0', id, error: toRPCError(e) }
  }
}

/** Handles one request body; returns the response body (undefined for notifications only). */
export async function handleBody(table: ReadonlyMap<string, RPCMethod>, ctx: RPCContext, body: string): Promise<string | undefined> {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: RPCCode.parseError, message: 'parse error' } })
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: RPCCode.invalidRequest, message: 'empty batch' } })
    const out: Response[] = []
    for (const req of parsed) {
      const r = await handleOne(table, ctx, req)
      if (r !== undefined) out.push(r)
    }
    return out.length === 0 ? undefined : JSON.stringify(out)
  }
  const r = await handleOne(table, ctx, parsed)
  return r === undefined ? undefined : JSON.stringify(r)
}
