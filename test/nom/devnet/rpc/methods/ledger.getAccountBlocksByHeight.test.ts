import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../../../nom/address.ts'
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

test('ascending from height, unconfirmed included, count = account height', async () => {
  const r = (await f.net.call('ledger.getAccountBlocksByHeight', [formatAddress(f.A.address), 2, 10])) as { list: Array<{ height: number; blockType: number }>; count: number; more: boolean }
  assert.deepEqual(r.list.map((b) => b.height), [2, 3, 4])
  assert.equal(r.count, 4)
  assert.equal(r.more, false)
  const one = (await f.net.call('ledger.getAccountBlocksByHeight', [formatAddress(f.A.address), 1, 1])) as {
    list: Array<{ blockType: number; publicKey: null; pairedAccountBlock: { blockType: number; amount: string; confirmationDetail: { momentumHeight: number; numConfirmations: number } } }>
  }
  const genesisBlock = one.list[0]!
  assert.equal(genesisBlock.blockType, 1)
  assert.equal(genesisBlock.publicKey, null)
  // go-zenon pairs a genesis block with an all-zero ContractSend confirmed by the genesis momentum
  assert.equal(genesisBlock.pairedAccountBlock.blockType, 4)
  assert.equal(genesisBlock.pairedAccountBlock.amount, '0')
  assert.deepEqual([genesisBlock.pairedAccountBlock.confirmationDetail.momentumHeight, genesisBlock.pairedAccountBlock.confirmationDetail.numConfirmations], [1, 3])
  assert.deepEqual(await f.net.call('ledger.getAccountBlocksByHeight', [formatAddress(devKey(20).address), 1, 5]), { list: [], count: 0, more: false })
})

test('limits: height > 0, count ≤ 1024', async () => {
  assert.deepEqual((await f.net.raw('ledger.getAccountBlocksByHeight', [formatAddress(f.A.address), 0, 5])).error, { code: -32000, message: 'height parameter must be strictly greater than zero' })
  assert.deepEqual((await f.net.raw('ledger.getAccountBlocksByHeight', [formatAddress(f.A.address), 1, 1025])).error, { code: -32000, message: 'count parameter is too big' })
})
