import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import { NoMClient } from '../../../nom/rpc/client.ts'
import { WSTransport } from '../../../nom/rpc/wsTransport.ts'
import type { MomentumNotification } from '../../../nom/rpc/results.ts'
import { momentumToJSON } from '../../../nom/json.ts'
import { hashMomentum } from '../../../nom/momentum.ts'
import { keyPairFromSeed, sign } from '../../../nom/keys.ts'
import { ZERO_HASH, toHex } from '../../../nom/hash.ts'
import type { Momentum } from '../../../nom/types.ts'
import { eventually } from '../devnetHarness.ts'

function chain(n: number): Momentum[] {
  const producer = keyPairFromSeed(new Uint8Array(32).fill(4))
  const out: Momentum[] = []
  for (let h = 1; h <= n; h++) {
    const fields = {
      version: 1n,
      chainIdentifier: 100n,
      previousHash: out.length === 0 ? ZERO_HASH : out[out.length - 1]!.hash,
      height: BigInt(h),
      timestamp: 1_000_000_000n + BigInt(h),
      data: new Uint8Array(0),
      content: [],
      changesHash: ZERO_HASH,
    }
    const hash = hashMomentum(fields)
    out.push({ ...fields, hash, publicKey: producer.publicKey, signature: sign(producer.privateKey, hash) })
  }
  return out
}

test('momentum subscription: duplicates dropped, a gap in live heights is backfilled in order', async () => {
  const momentums = chain(9)
  let frontier = 1
  const unsubscribed: string[] = []
  const sockets: WebSocket[] = []
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((r) => wss.once('listening', () => r()))
  wss.on('connection', (sock) => {
    sockets.push(sock)
    sock.on('message', (raw) => {
      const req = JSON.parse(raw.toString()) as { id: number; method: string; params: number[] }
      const reply = (result: unknown) => sock.send(JSON.stringify({ jsonrpc: '2.0', id: req.id, result }))
      if (req.method === 'ledger.subscribe') return reply('0xabc')
      if (req.method === 'ledger.unsubscribe') {
        unsubscribed.push(req.params[0] as unknown as string)
        return reply(true)
      }
      if (req.method === 'ledger.getFrontierMomentum') return reply(momentumToJSON(momentums[frontier - 1]!))
      if (req.method === 'ledger.getMomentumsByHeight') {
        const [height, count] = req.params as [number, number]
        const list = momentums.slice(height - 1, Math.min(frontier, height - 1 + count))
        return reply({ list: list.map(momentumToJSON), count: frontier })
      }
      sock.send(JSON.stringify({ jsonrpc: '2.0', id: req.id, error: { code: -32601, message: 'no' } }))
    })
  })
  const notify = (heights: number[]) => {
    const frame = {
      jsonrpc: '2.0',
      method: 'ledger.subscription',
      params: { subscription: '0xabc', result: heights.map((h) => ({ hash: toHex(momentums[h - 1]!.hash), height: h })) },
    }
    for (const s of sockets) s.send(JSON.stringify(frame))
  }
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
  const client = new NoMClient(new WSTransport({ url }))
  try {
    const got: MomentumNotification[] = []
    const errors: Error[] = []
    const sub = await client.subscribeMomentums((items) => got.push(...items), { onError: (e) => errors.push(e) })
    frontier = 3
    notify([2])
    notify([3])
    notify([3]) // repeated
    frontier = 6
    notify([6]) // 4 and 5 were never notified
    await eventually(async () => (got.length >= 5 ? true : undefined), 3_000, 'backfill of 4 and 5')
    frontier = 7
    notify([7])
    notify([2]) // stale
    await eventually(async () => (got.length >= 6 ? true : undefined), 3_000, 'momentum 7')
    await new Promise((r) => setTimeout(r, 100))
    assert.deepEqual(errors, [])
    assert.deepEqual(got.map((m) => m.height), [2n, 3n, 4n, 5n, 6n, 7n])
    assert.deepEqual(got.map((m) => toHex(m.hash)), momentums.slice(1, 7).map((m) => toHex(m.hash)))

    await sub.unsubscribe()
    assert.deepEqual(unsubscribed, ['0xabc'])
    frontier = 8
    notify([8])
    await new Promise((r) => setTimeout(r, 100))
    assert.equal(got.length, 6, 'nothing after unsubscribe')
  } finally {
    await client.close()
    await new Promise<void>((r) => wss.close(() => r()))
  }
})
