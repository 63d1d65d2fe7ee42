/** embedded.token.getByZts / getAll / getByOwner: genesis tokens and limits. */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatAddress } from '../../../../../nom/address.ts'
import { TOKEN_ADDRESS } from '../../../../../nom/constants.ts'
import { startDevnet } from '../../helpers.ts'
import type { TestDevnet } from '../../helpers.ts'

let net: TestDevnet
before(async () => {
  net = await startDevnet()
})
after(async () => {
  await net.dispose()
})

test('genesis tokens; null for unknown; owner filter; page size ≤ 1024', async () => {
  const znn = (await net.call('embedded.token.getByZts', ['zts1znnxxxxxxxxxxxxx9z4ulx'])) as Record<string, unknown>
  assert.deepEqual(
    { ...znn, totalSupply: undefined },
    { name: 'ZNN', symbol: 'ZNN', domain: 'zenon.network', totalSupply: undefined, decimals: 8, owner: formatAddress(TOKEN_ADDRESS), tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx', maxSupply: '9007199254740991', isBurnable: true, isMintable: true, isUtility: true },
  )
  assert.equal(znn.totalSupply, (10n * 100_000_000_000_000n).toString(), 'what genesis hands out')
  assert.equal(await net.call('embedded.token.getByZts', ['zts1qqqqqqqqqqqqqqqqtq587y']), null)
  assert.equal(((await net.call('embedded.token.getAll', [0, 10])) as { count: number }).count, 2)
  assert.equal(((await net.call('embedded.token.getByOwner', [formatAddress(TOKEN_ADDRESS), 0, 1])) as { count: number; list: unknown[] }).list.length, 1)
  assert.deepEqual((await net.raw('embedded.token.getAll', [0, 1025])).error, { code: -32000, message: 'page-size parameter is too big' })
  assert.equal((await net.raw('embedded.token.getByZts', ['zts1bad'])).error?.code, -32602)
})
