import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../../../nom/address.ts'
import { toHex } from '../../../../../nom/hash.ts'
import { accountBlockWithExtrasFromJSON } from '../../../../../nom/json.ts'
import { devKey } from '../../helpers.ts'
import { startFixture } from './fixture.ts'
import type { Fixture } from './fixture.ts'

let f: Fixture
before(async () => {
  f = await startFixture()
})
after(async () => {
  await f.net.dispose()
})

test('the frontier includes unconfirmed blocks; RPC extras present', async () => {
  const j = await f.net.call('ledger.getFrontierAccountBlock', [formatAddress(f.A.address)])
  const b = accountBlockWithExtrasFromJSON(j)
  assert.equal(toHex(b.hash), toHex(f.s3.hash))
  assert.equal(b.confirmationDetail, null)
  assert.equal(b.pairedAccountBlock, null)
  assert.equal(b.token?.symbol, 'ZNN')
  assert.equal(b.usedPlasma, 21_000n)
})

test('an account without blocks gives null; a bad address is an invalid argument', async () => {
  assert.equal(await f.net.call('ledger.getFrontierAccountBlock', [formatAddress(devKey(20).address)]), null)
  const r = await f.net.raw('ledger.getFrontierAccountBlock', ['z1bad'])
  assert.equal(r.error?.code, -32602)
  assert.match(r.error!.message, /^invalid argument 0: invalid address "z1bad"/)
})
