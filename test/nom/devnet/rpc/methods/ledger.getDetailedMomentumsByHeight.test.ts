import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
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

test('each momentum with its blocks', async () => {
  const r = (await f.net.call('ledger.getDetailedMomentumsByHeight', [3, 1])) as { list: Array<{ momentum: { height: number }; blocks: Array<{ hash: string; confirmationDetail: { momentumHeight: number } }> }>; count: number }
  assert.equal(r.count, 3)
  assert.equal(r.list.length, 1)
  assert.equal(r.list[0]!.momentum.height, 3)
  assert.deepEqual(new Set(r.list[0]!.blocks.map((b) => b.hash)), new Set([toHex(f.r1.hash), toHex(f.s2.hash)]))
  assert.ok(r.list[0]!.blocks.every((b) => b.confirmationDetail.momentumHeight === 3))
  assert.deepEqual((await f.net.raw('ledger.getDetailedMomentumsByHeight', [1, 1025])).error, { code: -32000, message: 'count parameter is too big' })
})
