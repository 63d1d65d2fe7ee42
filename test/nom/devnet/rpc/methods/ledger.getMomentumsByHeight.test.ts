import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startFixture } from './fixture.ts'
import type { Fixture } from './fixture.ts'

let f: Fixture
before(async () => {
  f = await startFixture()
})
after(async () => {
  await f.net.dispose()
})

test('ascending, count = frontier height; past the frontier is empty', async () => {
  const r = (await f.net.call('ledger.getMomentumsByHeight', [2, 5])) as { list: Array<{ height: number }>; count: number }
  assert.deepEqual(r.list.map((m) => m.height), [2, 3])
  assert.equal(r.count, 3)
  assert.deepEqual(await f.net.call('ledger.getMomentumsByHeight', [9, 5]), { list: [], count: 3 })
})

test('limits: height > 0, count ≤ 1024', async () => {
  assert.deepEqual((await f.net.raw('ledger.getMomentumsByHeight', [0, 1])).error, { code: -32000, message: 'height parameter must be strictly greater than zero' })
  assert.deepEqual((await f.net.raw('ledger.getMomentumsByHeight', [1, 1025])).error, { code: -32000, message: 'count parameter is too big' })
})
