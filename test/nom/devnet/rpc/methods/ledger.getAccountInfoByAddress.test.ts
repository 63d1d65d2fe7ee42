import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../../../nom/address.ts'
import { accountInfoFromJSON, balanceOf } from '../../../../../nom/json.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../../../../nom/constants.ts'
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

const START = 100_000_000_000_000n

test('height and balances include unconfirmed blocks', async () => {
  const a = accountInfoFromJSON(await f.net.call('ledger.getAccountInfoByAddress', [formatAddress(f.A.address)]))
  assert.equal(a.accountHeight, 4n)
  assert.equal(balanceOf(a, ZNN_ZTS), START - 11n)
  assert.equal(balanceOf(a, QSR_ZTS), START - 20n)
  const b = accountInfoFromJSON(await f.net.call('ledger.getAccountInfoByAddress', [formatAddress(f.B.address)]))
  assert.equal(b.accountHeight, 2n)
  assert.equal(balanceOf(b, ZNN_ZTS), START + 10n)
  assert.equal(balanceOf(b, QSR_ZTS), START)
  assert.equal(b.balances.find((x) => x.token?.symbol === 'QSR')?.token?.name, 'QSR')
})

test('an unknown account has height 0 and no balances', async () => {
  const a = devKey(30).address
  assert.deepEqual(await f.net.call('ledger.getAccountInfoByAddress', [formatAddress(a)]), { address: formatAddress(a), accountHeight: 0, balanceInfoMap: {} })
})
