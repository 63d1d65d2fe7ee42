import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../../../nom/address.ts'
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

test('lists the account’s unconfirmed blocks', async () => {
  const a = (await f.net.call('ledger.getUnconfirmedBlocksByAddress', [formatAddress(f.A.address), 0, 10])) as { list: Array<{ hash: string; confirmationDetail: null }>; count: number; more: boolean }
  assert.deepEqual(a.list.map((b) => b.hash), [toHex(f.s3.hash)])
  assert.equal(a.count, 1)
  assert.equal(a.more, false)
  assert.equal(a.list[0]!.confirmationDetail, null)
  assert.deepEqual(await f.net.call('ledger.getUnconfirmedBlocksByAddress', [formatAddress(f.B.address), 0, 10]), { list: [], count: 0, more: false })
  await f.net.produceMomentumNow()
  assert.deepEqual(await f.net.call('ledger.getUnconfirmedBlocksByAddress', [formatAddress(f.A.address), 0, 10]), { list: [], count: 0, more: false })
})

test('page size ≤ 1024', async () => {
  assert.deepEqual((await f.net.raw('ledger.getUnconfirmedBlocksByAddress', [formatAddress(f.A.address), 0, 1025])).error, { code: -32000, message: 'page-size parameter is too big' })
})
