import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import WebSocket from 'ws'
import { privateKeyToAccount } from 'viem/accounts'
import { startTestNode, type TestNode } from '../../helpers/node.ts'
import { devChainId } from './chain.ts'
import { WSClient, call, post, type RPCReply } from './client.ts'

const limits = { maxBodyBytes: 2048, maxBatchSize: 5, corsOrigins: ['http://allowed.example'] }

describe('JSON-RPC server', () => {
  let node: TestNode

  before(async () => {
    node = await startTestNode({ config: { rpc: limits } })
  })
  after(async () => node?.stop())

  it('answers -32700 to malformed JSON', async () => {
    const { status, text } = await post(node.rpcUrl, '{"jsonrpc":"2.0","id":1,"method":')
    assert.equal(status, 200)
    assert.deepEqual(JSON.parse(text), { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } })
  })

  it('answers -32600 to an invalid request and an empty batch', async () => {
    const invalid = await post(node.rpcUrl, '{"jsonrpc":"2.0","id":3,"params":[]}')
    assert.deepEqual(JSON.parse(invalid.text), { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'invalid request' } })
    const empty = await post(node.rpcUrl, '[]')
    assert.deepEqual(JSON.parse(empty.text), { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'empty batch' } })
  })

  it('answers -32601 to an unknown method', async () => {
    const { text } = await post(node.rpcUrl, '{"jsonrpc":"2.0","id":"x","method":"eth_sendTransaction","params":[]}')
    assert.deepEqual(JSON.parse(text), { jsonrpc: '2.0', id: 'x', error: { code: -32601, message: 'the method eth_sendTransaction does not exist/is not available' } })
  })

  it('answers -32602 to bad params', async () => {
    const { text } = await post(node.rpcUrl, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: ['0x1234', 'latest'] }))
    assert.deepEqual(JSON.parse(text), {
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32602, message: 'invalid argument 0: hex string has length 4, want 40 for common.Address' },
    })
  })

  it('refuses a body over the limit with HTTP 413 and -32005', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'web3_sha3', params: [`0x${'ab'.repeat(1100)}`] })
    const { status, text } = await post(node.rpcUrl, body)
    assert.equal(status, 413)
    assert.deepEqual(JSON.parse(text), { jsonrpc: '2.0', id: null, error: { code: -32005, message: 'request body too large, limit 2048 bytes' } })
  })

  it('refuses a batch over the limit with -32005 and runs one at the limit', async () => {
    const batch = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId' })))
    const over = await post(node.rpcUrl, batch(6))
    assert.deepEqual(JSON.parse(over.text), { jsonrpc: '2.0', id: null, error: { code: -32005, message: 'batch too large: 6 requests, limit 5' } })
    const at = JSON.parse((await post(node.rpcUrl, batch(5))).text) as RPCReply[]
    assert.deepEqual(at.map((r) => [r.id, r.result]), [0, 1, 2, 3, 4].map((i) => [i, `0x${devChainId.toString(16)}`]))
  })

  it('sends nothing back for a notification', async () => {
    const { status, text } = await post(node.rpcUrl, '{"jsonrpc":"2.0","method":"eth_chainId"}')
    assert.equal(status, 204)
    assert.equal(text, '')
  })

  it('admits a batch of one sender\'s transactions in nonce order', async () => {
    const sender = privateKeyToAccount(node.accounts[4]!.privateKey)
    const gasPrice = BigInt(await call<string>(node.rpcUrl, 'eth_gasPrice'))
    const raws = await Promise.all(
      [0, 1, 2, 3, 4].map((nonce) =>
        sender.signTransaction({ chainId: devChainId, type: 'eip1559', nonce, to: node.accounts[5]!.address, value: 1n, gas: 21_000n, maxFeePerGas: gasPrice * 2n, maxPriorityFeePerGas: 1n }),
      ),
    )
    const { text } = await post(node.rpcUrl, JSON.stringify(raws.map((raw, id) => ({ jsonrpc: '2.0', id, method: 'eth_sendRawTransaction', params: [raw] }))))
    const replies = JSON.parse(text) as RPCReply[]
    assert.deepEqual(replies.map((r) => r.error), [undefined, undefined, undefined, undefined, undefined])
    for (;;) {
      const nonce = await call<string>(node.rpcUrl, 'eth_getTransactionCount', [sender.address, 'latest'])
      if (nonce === '0x5') break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })

  it('allows listed CORS origins and no others', async () => {
    const preflight = async (origin: string) =>
      fetch(node.rpcUrl, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } })
    const allowed = await preflight('http://allowed.example')
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://allowed.example')
    assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/)
    const denied = await preflight('http://evil.example')
    assert.equal(denied.headers.get('access-control-allow-origin'), null)
    const simple = await post(node.rpcUrl, '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}', { Origin: 'http://allowed.example' })
    assert.equal(simple.headers.get('access-control-allow-origin'), 'http://allowed.example')
  })

  it('serves JSON-RPC over WebSocket on the same port, refusing foreign origins', async () => {
    assert.equal(new URL(node.wsUrl).port, new URL(node.rpcUrl).port)
    const ws = await WSClient.connect(node.wsUrl, { Origin: 'http://allowed.example' })
    try {
      assert.equal(await ws.call('eth_chainId'), `0x${devChainId.toString(16)}`)
      const unknown = await ws.request('eth_mine')
      assert.deepEqual(unknown.error, { code: -32601, message: 'the method eth_mine does not exist/is not available' })
    } finally {
      await ws.close()
    }
    await assert.rejects(WSClient.connect(node.wsUrl, { Origin: 'http://evil.example' }), /Unexpected server response: 403/)
  })

  it('closes a WebSocket that sends a message over the size limit', async () => {
    const socket = new WebSocket(node.wsUrl)
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'web3_sha3', params: [`0x${'ab'.repeat(1100)}`] }))
    assert.equal(await closed, 1009)
  })

  it('refuses subscriptions over HTTP with -32004', async () => {
    const { text } = await post(node.rpcUrl, '{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]}')
    assert.deepEqual(JSON.parse(text), { jsonrpc: '2.0', id: 1, error: { code: -32004, message: 'notifications not supported' } })
  })
})
