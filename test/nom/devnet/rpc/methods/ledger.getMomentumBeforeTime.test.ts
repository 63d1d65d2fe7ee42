import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { momentumFromJSON } from '../../../../../nom/json.ts'
import { startFixture } from './fixture.ts'
import type { Fixture } from './fixture.ts'

let f: Fixture
before(async () => {
  f = await startFixture()
})
after(async () => {
  await f.net.dispose()
})

test('latest momentum strictly before the time; frontier after it; null at or before genesis', async () => {
  const at = async (t: bigint) => {
    const j = await f.net.call('ledger.getMomentumBeforeTime', [Number(t)])
    return j === null ? null : momentumFromJSON(j).height
  }
  const genesis = momentumFromJSON(((await f.net.call('ledger.getMomentumsByHeight', [1, 1])) as { list: unknown[] }).list[0])
  assert.equal(await at(genesis.timestamp), null)
  assert.equal(await at(genesis.timestamp + 1n), 1n)
  assert.equal(await at(f.m3.timestamp), 2n)
  assert.equal(await at(f.m3.timestamp + 1000n), 3n)
})
