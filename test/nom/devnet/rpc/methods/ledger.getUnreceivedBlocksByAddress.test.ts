import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../../../nom/address.ts'
import { toHex } from '../../../../../nom/hash.ts'
import { publish, receive } from '../../helpers.ts'
import { startFixture } from './fixture.ts'
import type { Fixture } from './fixture.ts'

let f: Fixture
before(async () => {
  f = await startFixture()
})
after(async () => {
  await f.net.dispose()
})

test('confirmed sends not yet received; an unconfirmed receive hides its send', async () => {
  const list = async () =>
    ((await f.net.call('ledger.getUnreceivedBlocksByAddress', [formatAddress(f.B.address), 0, 10])) as { list: Array<{ hash: string }>; count: number; more: boolean })
  const r = await list()
  assert.deepEqual(r.list.map((b) => b.hash), [toHex(f.s2.hash)]) // s1 received, s3 unconfirmed
  assert.equal(r.count, 1)
  assert.equal(r.more, false)
  assert.equal((await publish(f.net, await receive(f.net, f.B, f.s2.hash))).error, undefined)
  assert.deepEqual((await list()).list, [])
  await f.net.produceMomentumNow()
  assert.deepEqual((await list()).list.map((b) => b.hash), [toHex(f.s3.hash)])
})

test('limits: page size ≤ 50, page index < 10', async () => {
  assert.deepEqual((await f.net.raw('ledger.getUnreceivedBlocksByAddress', [formatAddress(f.B.address), 0, 51])).error, { code: -32000, message: 'page-size parameter is too big' })
  assert.deepEqual((await f.net.raw('ledger.getUnreceivedBlocksByAddress', [formatAddress(f.B.address), 10, 5])).error, { code: -32000, message: 'page-index parameter is too big' })
})
