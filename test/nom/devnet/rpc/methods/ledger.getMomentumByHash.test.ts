import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { momentumFromJSON } from '../../../../../nom/json.ts'
import { sha3, toHex } from '../../../../../nom/hash.ts'
import { startFixture } from './fixture.ts'
import type { Fixture } from './fixture.ts'

let f: Fixture
before(async () => {
  f = await startFixture()
})
after(async () => {
  await f.net.dispose()
})

test('by hash, null when unknown', async () => {
  const m = momentumFromJSON(await f.net.call('ledger.getMomentumByHash', [toHex(f.m2.hash)]))
  assert.equal(m.height, 2n)
  assert.equal(m.content.length, 1)
  assert.equal(toHex(m.content[0]!.hash), toHex(f.s1.hash))
  assert.equal(await f.net.call('ledger.getMomentumByHash', [toHex(sha3())]), null)
})
