import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { createHTTPTransport } from '../../../nom/rpc/httpTransport.ts'
import { WSTransport } from '../../../nom/rpc/wsTransport.ts'
import { NoMClient } from '../../../nom/rpc/client.ts'
import { RPCError, TimeoutError, TransportError } from '../../../nom/errors.ts'

/** An HTTP JSON-RPC server whose behaviour per request number is scripted. */
async function scriptedHTTP(script: (n: number, body: { id: number; method: string }) => 'drop' | 'hang' | object) {
  let n = 0
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const body = JSON.parse(raw) as { id: number; method: string }
      const action = script(n++, body)
      if (action === 'drop') return req.socket.destroy()
      if (action === 'hang') return
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, ...action }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return {
    url,
    count: () => n,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((r) => server.close(() => r()))
    },
  }
}

test('HTTP: transport failures are retried with backoff, then succeed', async () => {
  const s = await scriptedHTTP((n) => (n < 2 ? 'drop' : { result: 'ok' }))
  const t = createHTTPTransport({ url: s.url, retry: { retries: 3, backoffMs: 20 } })
  try {
    const started = Date.now()
    assert.equal(await t.request('stats.processInfo', []), 'ok')
    assert.equal(s.count(), 3)
    assert.ok(Date.now() - started >= 20 + 40, 'waited 20 ms then 40 ms')
  } finally {
    await s.close()
  }
})

test('HTTP: gives up after the retries with TransportError', async () => {
  const s = await scriptedHTTP(() => 'drop')
  const t = createHTTPTransport({ url: s.url, retry: { retries: 2, backoffMs: 5 } })
  try {
    await assert.rejects(t.request('ledger.getFrontierMomentum', []), new TransportError(`cannot reach ${s.url}: other side closed`))
    assert.equal(s.count(), 3)
  } finally {
    await s.close()
  }
})

test('HTTP: JSON-RPC errors pass through unchanged and are not retried', async () => {
  const s = await scriptedHTTP(() => ({ error: { code: -32000, message: 'account-block previous hash is missing', data: 7 } }))
  const t = createHTTPTransport({ url: s.url, retry: { retries: 3, backoffMs: 5 } })
  try {
    await assert.rejects(t.request('ledger.publishRawTransaction', [{}]), (e: unknown) => {
      assert.ok(e instanceof RPCError)
      assert.equal(e.code, -32000)
      assert.equal(e.message, 'account-block previous hash is missing')
      assert.equal(e.data, 7)
      return true
    })
    assert.equal(s.count(), 1)
  } finally {
    await s.close()
  }
})

test('HTTP: a timeout is retried for reads but not for publishing', async () => {
  const s = await scriptedHTTP((n) => (n === 0 ? 'hang' : { result: null }))
  const t = createHTTPTransport({ url: s.url, timeoutMs: 100, retry: { retries: 2, backoffMs: 5 } })
  try {
    assert.equal(await t.request('ledger.getFrontierMomentum', []), null)
    assert.equal(s.count(), 2)
  } finally {
    await s.close()
  }
  const s2 = await scriptedHTTP(() => 'hang')
  const client = new NoMClient(createHTTPTransport({ url: s2.url, timeoutMs: 100, retry: { retries: 2, backoffMs: 5 } }))
  try {
    await assert.rejects(client.call('ledger.publishRawTransaction', [{}], { idempotent: false }), new TimeoutError(`no answer from ${s2.url} within 100 ms`))
    assert.equal(s2.count(), 1)
  } finally {
    await s2.close()
  }
})

test('WS: a request cut by a dropped socket is retried after the reconnect', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((r) => wss.once('listening', () => r()))
  let requests = 0
  wss.on('connection', (sock) => {
    sock.on('message', (raw) => {
      const body = JSON.parse(raw.toString()) as { id: number }
      if (requests++ === 0) return sock.terminate()
      sock.send(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: { fine: true } }))
    })
  })
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
  const t = new WSTransport({ url, reconnectDelayMs: 10, retry: { retries: 3, backoffMs: 10 } })
  try {
    assert.deepEqual(await t.request('stats.syncInfo', []), { fine: true })
    assert.equal(requests, 2)
    assert.equal(t.connectionCount, 2)
    // publishing is not repeated once it may have reached the node
    requests = 0
    await assert.rejects(t.request('ledger.publishRawTransaction', [{}], { idempotent: false }), new TransportError(`connection to ${url} closed before the answer`))
    assert.equal(requests, 1)
  } finally {
    await t.close()
    await new Promise<void>((r) => wss.close(() => r()))
  }
})

test('WS: no server → TimeoutError after the timeout', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((r) => wss.once('listening', () => r()))
  const port = (wss.address() as AddressInfo).port
  await new Promise<void>((r) => wss.close(() => r()))
  const url = `ws://127.0.0.1:${port}`
  const t = new WSTransport({ url, timeoutMs: 150, retry: { retries: 0 }, reconnectDelayMs: 20 })
  try {
    await assert.rejects(t.request('stats.syncInfo', []), new TimeoutError(`no connection to ${url} within the timeout`))
  } finally {
    await t.close()
  }
})

test('WS: a socket that stops answering pings is dropped and replaced', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((r) => wss.once('listening', () => r()))
  let connections = 0
  wss.on('connection', (sock, req) => {
    if (connections++ === 0) req.socket.pause() // reads nothing: no pong, no answers
    sock.on('message', (raw) => {
      const body = JSON.parse(raw.toString()) as { id: number }
      sock.send(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: connections }))
    })
  })
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
  const t = new WSTransport({ url, keepaliveMs: 100, reconnectDelayMs: 10, timeoutMs: 2_000 })
  try {
    // the first socket swallows the request; the keepalive drops it and the retry succeeds
    assert.equal(await t.request('stats.syncInfo', []), 2)
    assert.equal(t.connectionCount, 2)
  } finally {
    await t.close()
    for (const c of wss.clients) c.terminate()
    await new Promise<void>((r) => wss.close(() => r()))
  }
})

test('HTTP: publishing is repeated only when the connection was refused', async () => {
  const s = await scriptedHTTP(() => 'drop')
  const t = createHTTPTransport({ url: s.url, retry: { retries: 3, backoffMs: 5 } })
  try {
    await assert.rejects(t.request('ledger.publishRawTransaction', [{}], { idempotent: false }), new TransportError(`cannot reach ${s.url}: other side closed`))
    assert.equal(s.count(), 1)
  } finally {
    await s.close()
  }
  const started = Date.now()
  const refused = createHTTPTransport({ url: s.url, retry: { retries: 2, backoffMs: 20 } })
  await assert.rejects(refused.request('ledger.publishRawTransaction', [{}], { idempotent: false }), new TransportError(`cannot reach ${s.url}: connection refused`))
  assert.ok(Date.now() - started >= 20 + 40, 'retried twice with backoff')
})
