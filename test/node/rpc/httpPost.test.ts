import assert from 'node:assert/strict'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { createJSONRPCPostListener } from '../../../node/rpc/httpPost.ts'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/** One raw HTTP request; `chunks` are written one by one (chunked transfer when no length is set). */
function send(port: number, method: string, path: string, chunks: string[], headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
    })
    req.on('error', reject)
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}

describe('JSON-RPC POST listener', () => {
  const errors: unknown[] = []
  const servers: Server[] = []
  let open: number
  let listed: number

  async function start(corsOrigins: string[]): Promise<number> {
    const listener = createJSONRPCPostListener({
      maxBodyBytes: 64,
      corsOrigins,
      handle: async (text) => {
        if (text === 'notify') return undefined
        if (text === 'crash') throw new TypeError('boom')
        return JSON.stringify({ echo: text })
      },
      onError: (error) => errors.push(error),
    })
    const server = createServer((req, res) => {
      if (!listener(req, res)) {
        res.writeHead(404)
        res.end('fallback')
      }
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }

  before(async () => {
    open = await start(['*'])
    listed = await start(['http://allowed.example'])
  })
  after(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve))
  })

  it('answers POST / with the handler reply as JSON, in one response with its length', async () => {
    const reply = await send(open, 'POST', '/', ['{"a":', '1}'])
    assert.equal(reply.status, 200)
    assert.equal(reply.text, JSON.stringify({ echo: '{"a":1}' }))
    assert.equal(reply.headers['content-type'], 'application/json')
    assert.equal(reply.headers['content-length'], String(Buffer.byteLength(reply.text)))
    assert.equal(reply.headers['access-control-allow-origin'], '*')
    assert.equal(reply.headers.vary, 'Origin')
  })

  it('answers 204 with no body when there is nothing to send back', async () => {
    const reply = await send(open, 'POST', '/', ['notify'])
    assert.equal(reply.status, 204)
    assert.equal(reply.text, '')
  })

  it('refuses a body over the limit with 413 and -32005, declared or streamed', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32005, message: 'request body too large, limit 64 bytes' } })
    const declared = await send(open, 'POST', '/', ['x'.repeat(65)], { 'content-length': '65' })
    assert.deepEqual([declared.status, declared.text], [413, body])
    const streamed = await send(open, 'POST', '/', ['x'.repeat(40), 'y'.repeat(40)])
    assert.deepEqual([streamed.status, streamed.text], [413, body])
  })

  it('answers 500 with -32603 when the handler throws, and reports the error', async () => {
    const reply = await send(open, 'POST', '/', ['crash'])
    assert.equal(reply.status, 500)
    assert.deepEqual(JSON.parse(reply.text), { jsonrpc: '2.0', id: null, error: { code: -32603, message: 'internal error' } })
    assert.equal((errors.at(-1) as Error).message, 'boom')
  })

  it('echoes only listed origins', async () => {
    const allowed = await send(listed, 'POST', '/', ['{}'], { origin: 'http://allowed.example' })
    assert.equal(allowed.headers['access-control-allow-origin'], 'http://allowed.example')
    const denied = await send(listed, 'POST', '/', ['{}'], { origin: 'http://evil.example' })
    assert.equal(denied.status, 200)
    assert.equal(denied.headers['access-control-allow-origin'], undefined)
  })

  it('leaves other methods and paths to the fallback', async () => {
    for (const [method, path] of [['GET', '/'], ['OPTIONS', '/'], ['POST', '/other']] as const) {
      const reply = await send(open, method, path, [])
      assert.deepEqual([reply.status, reply.text], [404, 'fallback'], `${method} ${path}`)
    }
    const query = await send(open, 'POST', '/?x=1', ['{}'])
    assert.equal(query.status, 200)
  })
})
