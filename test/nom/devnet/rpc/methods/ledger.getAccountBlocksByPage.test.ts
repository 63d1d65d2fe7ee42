import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../../../nom/address.ts'
import { startFixture } from './fixture.ts'
import type { Fixture } from './fixture.ts'

let f: Fixture
before(async () => {
  f = await startFixture()
})
after(async () => {
  await f.net.dispose()
})

test('pages newest first', async () => {
  const page = async (i: number, size: number) =>
    ((await f.net.call('ledger.getAccountBlocksByPage', [formatAddress(f.A.address), i, size])) as { list: Array<{ height: number }>; count: number }).list.map((b) => b.height)
  assert.deepEqual(await page(0, 3), [4, 3, 2])
  assert.deepEqual(await page(1, 3), [1])
  assert.deepEqual(await page(2, 3), [])
})

test('page size ≤ 1024', async () => {
  assert.deepEqual((await f.net.raw('ledger.getAccountBlocksByPage', [formatAddress(f.A.address), 0, 1025])).error, { code: -32000, message: 'page-size parameter is too big' })
})
