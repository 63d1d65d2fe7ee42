import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { momentumFromJSON } from '../../../../../nom/json.ts'
import { hashMomentum } from '../../../../../nom/momentum.ts'
import { toHex } from '../../../../../nom/hash.ts'
import { startFixture } from './fixture.ts'
import type { Fixture } from './fixture.ts'

let f: Fixture
before(async () => {
  f = await startFixture()
})
after(async () => {
  await f.net.dispose()
})

test('the newest momentum, with the go-zenon keys in order', async () => {
  const j = (await f.net.call('ledger.getFrontierMomentum')) as Record<string, unknown>
  assert.deepEqual(Object.keys(j), ['version', 'chainIdentifier', 'hash', 'previousHash', 'height', 'timestamp', 'data', 'content', 'changesHash', 'publicKey', 'signature', 'producer'])
  const m = momentumFromJSON(j)
  assert.equal(m.height, 3n)
  assert.equal(toHex(m.hash), toHex(f.m3.hash))
  assert.equal(toHex(hashMomentum(m)), toHex(m.hash))
})
