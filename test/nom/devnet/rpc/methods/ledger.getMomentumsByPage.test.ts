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

test('newest first', async () => {
  const page = async (i: number, n: number) => ((await f.net.call('ledger.getMomentumsByPage', [i, n])) as { list: Array<{ height: number }> }).list.map((m) => m.height)
  assert.deepEqual(await page(0, 2), [3, 2])
  assert.deepEqual(await page(1, 2), [1])
  assert.deepEqual(await page(5, 2), [])
  assert.deepEqual((await f.net.raw('ledger.getMomentumsByPage', [0, 1025])).error, { code: -32000, message: 'page-size parameter is too big' })
})
