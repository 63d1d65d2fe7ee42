import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { NodeBackend } from '../../../node/backend.ts'
import { createRPCServer, type RPCServer } from '../../../node/rpc/server.ts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'

describe('JSON-RPC server WebSocket heartbeat', () => {
  let node: TestNode
  let server: RPCServer
  let port: number

  before(async () => {
    node = await startTestNode()
    // A second server over the same node backend, with a short ping period.
    const backend: NodeBackend = node.node.backend
    server = createRPCServer(backend, {
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 1 << 20,
      maxBatchSize: 10,
      corsOrigins: ['*'],
      logRangeLimit: 100,
      maxLogResults: 100,
      wsPingIntervalMs: 100,
    })
    port = (await server.listen()).port
  })
  after(async () => {
    await server?.close()
    await node?.stop()
  })

  it('drops a client that never answers pings', async () => {
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    await new Promise((resolve) => socket.once('connect', resolve))
    const started = Date.now()
    socket.write(
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    )
    // This raw client completes the handshake and then ignores every frame, pings included.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy()
        reject(new Error('server kept a client that never answered pings'))
      }, 5_000)
      socket.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
    })
    const elapsed = Date.now() - started
    assert.match(Buffer.concat(received).toString('latin1'), /^HTTP\/1\.1 101 Switching Protocols/)
    assert.ok(elapsed >= 100 && elapsed < 5_000, `dropped after ${elapsed} ms`)
  })
})
