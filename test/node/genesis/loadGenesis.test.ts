import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { DEV_GENESIS_PATH } from '../../../node/config.ts'
import { ConfigError } from '../../../node/errors.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import { loadGenesis, parseGenesis } from '../../../node/genesis/loadGenesis.ts'

const devJSON = JSON.parse(readFileSync(DEV_GENESIS_PATH, 'utf8')) as Record<string, unknown>
const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}`

function withChange(change: (g: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(devJSON) as Record<string, any>
  change(copy)
  return copy
}

function rejects(json: unknown, message: string): void {
  assert.throws(() => parseGenesis(json), (error: unknown) => {
    assert.ok(error instanceof ConfigError)
    assert.equal(error.message, message)
    return true
  })
}

test('dev genesis: chain 73404, Prague, 30M gas, 1 gwei base fee, 1 s blocks, 10 funded dev accounts', async () => {
  const genesis = await loadGenesis(DEV_GENESIS_PATH)
  assert.equal(genesis.chainId, 73404n)
  assert.equal(genesis.hardfork, 'prague')
  assert.equal(genesis.gasLimit, 60_000_000n)
  assert.equal(genesis.baseFeePerGas, 1_000_000_000n)
  assert.equal(genesis.blockTimeMs, 1000)
  assert.equal(hex(genesis.feeVault), '0x4200000000000000000000000000000000000011')
  assert.ok(genesis.baseFeeFloor <= genesis.baseFeePerGas)
  const accounts = deriveDevAccounts(genesis.devMnemonic ?? '', 10)
  assert.equal(hex(accounts[0]!.address), '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
  assert.equal(hex(accounts[0]!.privateKey), '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
  // The 10 dev accounts and the four L2 predeploys (NoMInfo, message passer, token bridge, fee vault).
  assert.equal(genesis.alloc.size, 14)
  for (const predeploy of ['0x4200000000000000000000000000000000000010', '0x4200000000000000000000000000000000000011', '0x4200000000000000000000000000000000000015', '0x4200000000000000000000000000000000000016']) {
    assert.ok((genesis.alloc.get(predeploy)?.code?.length ?? 0) > 0, `predeploy ${predeploy} has code`)
  }
  for (const account of accounts) {
    const entry = genesis.alloc.get(hex(account.address))
    assert.ok(entry, hex(account.address))
    assert.equal(entry.balance, 10_000n * 10n ** 18n)
  }
})

test('alloc accepts code, storage and nonce (predeploys)', () => {
  const genesis = parseGenesis(
    withChange((g) => {
      g.alloc['0x4200000000000000000000000000000000000015'] = { code: '0x6001', nonce: '0x1', storage: { '0x1': '0x2a' } }
    }),
  )
  const entry = genesis.alloc.get('0x4200000000000000000000000000000000000015')
  assert.ok(entry)
  assert.deepEqual([...entry.code], [0x60, 0x01])
  assert.equal(entry.nonce, 1n)
  assert.equal(entry.balance, 0n)
  const value = entry.storage.get(`0x${'0'.repeat(63)}1`)
  assert.ok(value)
  assert.equal(value.length, 32)
  assert.equal(value[31], 0x2a)
})

test('errors name the bad field', async () => {
  rejects(withChange((g) => (g.alloc['0xabc0000000000000000000000000000000000000'] = { balance: '12' })),
    'genesis: alloc.0xabc0000000000000000000000000000000000000.balance: expected a hex quantity')
  rejects(withChange((g) => (g.alloc['0x1234'] = { balance: '0x1' })), 'genesis: alloc.0x1234: expected a 20-byte hex address as key')
  rejects(withChange((g) => (g.alloc['0x0000000000000000000000000000000000000001'] = { code: '0x123' })),
    'genesis: alloc.0x0000000000000000000000000000000000000001.code: expected hex data')
  rejects(withChange((g) => (g.alloc['0x0000000000000000000000000000000000000001'] = { blance: '0x1' })),
    'genesis: alloc.0x0000000000000000000000000000000000000001.blance: unknown field')
  rejects(withChange((g) => (g.alloc['0x0000000000000000000000000000000000000001'] = { storage: { zz: '0x1' } })),
    'genesis: alloc.0x0000000000000000000000000000000000000001.storage.zz: expected a hex storage slot of at most 32 bytes')
  rejects(withChange((g) => (g.config.chainId = '73404')), 'genesis: config.chainId: expected a positive integer')
  rejects(withChange((g) => (g.config.hardfork = 'cancun')), "genesis: config.hardfork: expected 'prague'")
  rejects(withChange((g) => (g.config.blockTimeMs = -5)), 'genesis: config.blockTimeMs: expected a non-negative integer')
  rejects(withChange((g) => (g.config.feeVault = '0x42')), 'genesis: config.feeVault: expected a 20-byte hex address')
  rejects(withChange((g) => (g.gasLimit = '0x01')), 'genesis: gasLimit: expected a hex quantity')
  rejects(withChange((g) => delete g.baseFeePerGas), 'genesis: baseFeePerGas: expected a hex quantity')
  rejects(withChange((g) => (g.extraData = `0x${'00'.repeat(33)}`)), 'genesis: extraData: expected at most 32 bytes')
  rejects(withChange((g) => delete g.config), 'genesis: config: expected an object')
  rejects([], 'genesis: (root): expected an object')
  await assert.rejects(loadGenesis('/nonexistent/genesis.json'), {
    name: 'ConfigError',
    message: "genesis: cannot read /nonexistent/genesis.json: ENOENT: no such file or directory, open '/nonexistent/genesis.json'",
  })
})
