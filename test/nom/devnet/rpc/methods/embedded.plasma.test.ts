/** embedded.plasma.get / getEntriesByAddress / getRequiredPoWForAccountBlock: shapes and limits. */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../../../nom/address.ts'
import { PLASMA_ADDRESS } from '../../../../../nom/constants.ts'
import { devKey, startDevnet } from '../../helpers.ts'
import type { TestDevnet } from '../../helpers.ts'

let net: TestDevnet
before(async () => {
  net = await startDevnet()
})
after(async () => {
  await net.dispose()
})

test('get: genesis fusion of 1,000 QSR', async () => {
  assert.deepEqual(await net.call('embedded.plasma.get', [formatAddress(devKey(0).address)]), { currentPlasma: 2_100_000, maxPlasma: 2_100_000, qsrAmount: '100000000000' })
})

test('getEntriesByAddress: shape, paging, page size ≤ 1024', async () => {
  const a = formatAddress(devKey(0).address)
  const r = (await net.call('embedded.plasma.getEntriesByAddress', [a, 0, 5])) as { qsrAmount: string; count: number; list: Array<Record<string, unknown>> }
  assert.equal(r.qsrAmount, '100000000000')
  assert.equal(r.count, 1)
  assert.deepEqual(Object.keys(r.list[0]!), ['qsrAmount', 'beneficiary', 'expirationHeight', 'id'])
  assert.equal(r.list[0]!.beneficiary, a)
  assert.equal(r.list[0]!.expirationHeight, 3601)
  assert.deepEqual(((await net.call('embedded.plasma.getEntriesByAddress', [a, 1, 5])) as { list: unknown[] }).list, [])
  assert.deepEqual((await net.raw('embedded.plasma.getEntriesByAddress', [a, 0, 1025])).error, { code: -32000, message: 'page-size parameter is too big' })
})

test('getRequiredPoWForAccountBlock: data plasma, embedded method plasma, errors', async () => {
  const a = formatAddress(devKey(9).address)
  const req = (p: Record<string, unknown>) => net.raw('embedded.plasma.getRequiredPoWForAccountBlock', [{ address: a, blockType: 2, ...p }])
  assert.deepEqual((await req({ toAddress: a, data: Buffer.alloc(10).toString('base64') })).result, { availablePlasma: 0, basePlasma: 21_680, requiredDifficulty: 32_520_000 })
  assert.deepEqual((await req({ toAddress: a, blockType: 3, data: null })).result, { availablePlasma: 0, basePlasma: 21_000, requiredDifficulty: 31_500_000 })
  assert.deepEqual((await req({ toAddress: null })).error, { code: -32000, message: 'toAddress is nil' })
  assert.deepEqual((await req({ toAddress: a, data: Buffer.alloc(16_385).toString('base64') })).error, { code: -32000, message: 'account-block data field is too big' })
  assert.deepEqual((await req({ toAddress: formatAddress(PLASMA_ADDRESS), data: Buffer.from([1, 2, 3, 4]).toString('base64') })).error, { code: -32000, message: 'method not found in the abi' })
  // 16,384 bytes of data need 21,000 + 68·16,384 plasma: more than PoW may give
  assert.deepEqual((await req({ toAddress: a, data: Buffer.alloc(16_384).toString('base64') })).error, { code: -32000, message: 'forbidden parameter' })
})
