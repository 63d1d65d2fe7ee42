/** stats.syncInfo, stats.networkInfo, stats.processInfo, stats.osInfo. */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startDevnet } from '../../helpers.ts'
import type { TestDevnet } from '../../helpers.ts'

let net: TestDevnet
before(async () => {
  net = await startDevnet()
})
after(async () => {
  await net.dispose()
})

test('syncInfo: always SyncDone at the frontier', async () => {
  await net.produceMomentumNow()
  assert.deepEqual(await net.call('stats.syncInfo'), { state: 2, currentHeight: 2, targetHeight: 2 })
})

test('networkInfo: no peers, self is the producer key', async () => {
  const r = (await net.call('stats.networkInfo')) as { numPeers: number; peers: unknown[]; self: { publicKey: string; ip: string; name: string } }
  assert.equal(r.numPeers, 0)
  assert.deepEqual(r.peers, [])
  assert.equal(r.self.ip, '127.0.0.1')
  assert.equal(r.self.name, '*self*')
  const m = (await net.call('ledger.getFrontierMomentum')) as { publicKey: string }
  assert.equal(Buffer.from(r.self.publicKey, 'hex').toString('base64'), m.publicKey)
})

test('processInfo and osInfo', async () => {
  assert.deepEqual(Object.keys((await net.call('stats.processInfo')) as object), ['version', 'commit'])
  const os = (await net.call('stats.osInfo')) as Record<string, unknown>
  assert.deepEqual(Object.keys(os), ['os', 'platform', 'platformVersion', 'kernelVersion', 'memoryTotal', 'memoryFree', 'numCPU', 'numGoroutine'])
  assert.ok((os.numCPU as number) >= 1)
})

test('unknown methods, batches, bad JSON', async () => {
  assert.deepEqual((await net.raw('ledger.nope')).error, { code: -32601, message: 'the method ledger.nope does not exist/is not available' })
  const batch = await fetch(net.httpUrl, { method: 'POST', body: JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'stats.syncInfo', params: [] }, { jsonrpc: '2.0', id: 2, method: 'x', params: [] }]) })
  const out = (await batch.json()) as Array<{ id: number; result?: unknown; error?: { code: number } }>
  assert.equal(out.length, 2)
  assert.equal(out[1]!.error!.code, -32601)
  const bad = await fetch(net.httpUrl, { method: 'POST', body: '{' })
  assert.deepEqual(await bad.json(), { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } })
})
