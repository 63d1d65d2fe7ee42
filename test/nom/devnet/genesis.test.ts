/** The genesis file: the default dev genesis funds the dev mnemonic's first 10 accounts; errors name the field. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadGenesis, parseGenesis } from '../../../nom/devnet/genesis.ts'
import { DEFAULT_GENESIS_PATH } from '../../../nom/devnet/devnet.ts'
import { formatAddress } from '../../../nom/address.ts'
import { formatTokenStandard } from '../../../nom/tokenStandard.ts'
import { defaultGenesis, devKey } from './helpers.ts'

// token names, domain, owner and max supply as in go-zenon's mainnet genesis (chain/genesis/embedded_genesis_string.go)
test('the default genesis funds m/44\'/73404\'/i\' of the dev mnemonic, i = 0..9, with ZNN, QSR and fusions', async () => {
  const g = await loadGenesis(DEFAULT_GENESIS_PATH)
  assert.equal(g.chainIdentifier, 100n)
  assert.deepEqual(
    g.accounts.map((a) => formatAddress(a.address)),
    Array.from({ length: 10 }, (_, i) => formatAddress(devKey(i).address)),
  )
  for (const a of g.accounts) {
    assert.equal(a.balances.get('zts1znnxxxxxxxxxxxxx9z4ulx'), 100_000_000_000_000n)
    assert.equal(a.balances.get('zts1qsrxxxxxxxxxxxxxmrhjll'), 100_000_000_000_000n)
  }
  assert.equal(g.fusions.length, 9)
  assert.deepEqual(
    g.tokens.map((t) => [t.name, t.symbol, t.decimals, formatTokenStandard(t.tokenStandard), formatAddress(t.owner)]),
    [
      ['ZNN', 'ZNN', 8, 'zts1znnxxxxxxxxxxxxx9z4ulx', 'z1qxemdeddedxt0kenxxxxxxxxxxxxxxxxh9amk0'],
      ['QSR', 'QSR', 8, 'zts1qsrxxxxxxxxxxxxxmrhjll', 'z1qxemdeddedxt0kenxxxxxxxxxxxxxxxxh9amk0'],
    ],
  )
})

test('validation errors name the field', async () => {
  const base = await defaultGenesis()
  const broken = (patch: (g: Record<string, any>) => void) => {
    const g = structuredClone(base) as Record<string, any>
    patch(g)
    return () => parseGenesis(g)
  }
  const cases: Array<[(g: Record<string, any>) => void, string]> = [
    [(g) => (g.timestamp = 'x'), 'genesis timestamp: must be an integer'],
    [(g) => (g.producerSeed = 'AB'), 'genesis producerSeed: must be 64 lowercase hex characters'],
    [(g) => (g.tokens = g.tokens.slice(1)), 'genesis tokens: must include zts1znnxxxxxxxxxxxxx9z4ulx'],
    [(g) => (g.tokens[1].decimals = 19), 'genesis tokens[1].decimals: must be at most 18'],
    [(g) => (g.tokens[0].owner = 'z1nope'), 'genesis tokens[0].owner: invalid address "z1nope": '],
    [(g) => (g.accounts[2].balances['zts1znnxxxxxxxxxxxxx9z4ulx'] = 5), 'genesis accounts[2].balances.zts1znnxxxxxxxxxxxxx9z4ulx: must be a decimal string'],
    [(g) => (g.accounts[3].address = g.accounts[4].address), 'genesis accounts[4].address: duplicate account'],
    [(g) => (g.fusions[0].qsrAmount = '150000000'), 'genesis fusions[0].qsrAmount: must be at least 10 QSR and a whole number of QSR'],
    [(g) => (g.accounts = {}), 'genesis accounts: must be an array'],
  ]
  for (const [patch, prefix] of cases) {
    assert.throws(broken(patch), (e: Error) => e.name === 'GenesisError' && e.message.startsWith(prefix), prefix)
  }
  await assert.rejects(loadGenesis('/nonexistent/genesis.json'), { name: 'GenesisError' })
})

test('the test helper derives the same keys as keyPairFromMnemonic', async () => {
  const { keyPairFromMnemonic } = await import('../../../nom/keys.ts')
  const { DEV_MNEMONIC } = await import('./helpers.ts')
  assert.equal(formatAddress(devKey(3).address), formatAddress(keyPairFromMnemonic(DEV_MNEMONIC, 3).address))
})
