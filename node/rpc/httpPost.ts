/**
 * The JSON-RPC POST path straight on node:http: the request body read as bytes (with the body-size
 * limit), one dispatch, the reply written with a single `end` (headers and body in one write).
 * Every other request (CORS preflight, other paths and methods) goes to the hono app; this path
 * answers with the same status codes, bodies and CORS headers hono's middleware gives a POST.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { RPCErrorCode } from './errorCodes.ts'

export interface JSONRPCPostOptions {
  maxBodyBytes: number
  corsOrigins: readonly string[]
  /** Handles one body; undefined = nothing to send back (notifications only). */
  handle(text: string): Promise<string | undefined>
  /** Called when `handle` throws (it should not: the dispatcher maps method errors itself). */
  onError(error: unknown): void
}

/** Returns a request listener that answers POST / itself and returns false for anything else. */
export function createJSONRPCPostListener(options: JSONRPCPostOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { maxBodyBytes, corsOrigins } = options
  const anyOrigin = corsOrigins.includes('*')
  const tooLarge = JSON.stringify({
    jsonrpc: '2.0',
    id: null,
    error: { code: RPCErrorCode.limitExceeded, message: `request body too large, limit ${maxBodyBytes} bytes` },
  })
  const internal = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: RPCErrorCode.internalError, message: 'internal error' } })

  function baseHeaders(origin: string | undefined): OutgoingHttpHeaders {
    const headers: OutgoingHttpHeaders = { vary: 'Origin' }
    if (anyOrigin) headers['access-control-allow-origin'] = '*'
    else if (origin !== undefined && corsOrigins.includes(origin)) headers['access-control-allow-origin'] = origin
    return headers
  }

  function send(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string | undefined): void {
    if (res.headersSent || res.destroyed) return
    if (body === undefined) {
      res.writeHead(status, headers)
      res.end()
      return
    }
    headers['content-type'] = 'application/json'
    headers['content-length'] = Buffer.byteLength(body)
    res.writeHead(status, headers)
    res.end(body)
  }

  return (req, res) => {
    const url = req.url ?? '/'
    if (req.method !== 'POST' || !(url === '/' || url.startsWith('/?'))) return false
    const headers = baseHeaders(req.headers.origin)
    const declared = req.headers['content-length']
    if (declared !== undefined && req.headers['transfer-encoding'] === undefined && Number.parseInt(declared, 10) > maxBodyBytes) {
      send(res, 413, headers, tooLarge)
      req.resume()
      return true
    }
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > maxBodyBytes) {
        refused = true
        chunks.length = 0
        send(res, 413, headers, tooLarge)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (refused) return
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8')
      options.handle(text).then(
        (reply) => send(res, reply === undefined ? 204 : 200, headers, reply),
        (error: unknown) => {
          options.onError(error)
          send(res, 500, headers, internal)
        },
      )
    })
    req.on('error', () => res.destroy())
    return true
  }
}
