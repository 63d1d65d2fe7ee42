import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mnemonicToAccount } from 'viem/accounts'
import { loadL2Key } from '../../../bridge/cli/l2Key.ts'
import { loadNoMKey } from '../../../bridge/cli/nomKey.ts'
import { BridgeUserError } from '../../../bridge/cli/errors.ts'
import { parseFlags } from '../../../bridge/cli/flags.ts'
import { keyPairFromMnemonic } from '../../../nom/keys.ts'

const MNEMONIC = 'test test test test test test test test test test test junk'
const KEY_FLAGS = { values: ['mnemonic-file', 'account', 'key-file', 'unsafe-key'] }
const flags = (args: string[]) => parseFlags('withdraw', args, KEY_FLAGS)
const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}`
const userError = (message: string) => (e: unknown) => e instanceof BridgeUserError && e.message === message

test('L2 keys: mnemonic file, env mnemonic and key file give the same accounts as viem', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-l2key-'))
  try {
    const mnemonicFile = join(dir, 'm.txt')
    await writeFile(mnemonicFile, `  ${MNEMONIC}\n`)
    const account3 = mnemonicToAccount(MNEMONIC, { addressIndex: 3 })
    const fromFile = await loadL2Key(flags(['--mnemonic-file', mnemonicFile, '--account', '3']), {})
    assert.equal(hex(fromFile.address), account3.address.toLowerCase())
    const fromEnv = await loadL2Key(flags([]), { NOMX_L2_MNEMONIC: MNEMONIC })
    assert.equal(hex(fromEnv.address), mnemonicToAccount(MNEMONIC).address.toLowerCase())
    const keyFile = join(dir, 'k')
    await writeFile(keyFile, `${hex(fromFile.privateKey)}\n`)
    assert.deepEqual((await loadL2Key(flags(['--key-file', keyFile]), {})).address, fromFile.address)
    assert.deepEqual((await loadL2Key(flags([]), { NOMX_L2_KEY: hex(fromFile.privateKey).slice(2) })).address, fromFile.address)
    assert.deepEqual((await loadL2Key(flags(['--key-file', keyFile]), { NOMX_L2_KEY: '11'.repeat(32) })).address, fromFile.address, 'a flag wins over the environment')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('key errors name the source, never the content', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-l2key-'))
  try {
    const zero = join(dir, 'zero')
    await writeFile(zero, '00'.repeat(32))
    await assert.rejects(loadL2Key(flags(['--key-file', zero]), {}), userError(`key file ${zero}: not a valid secp256k1 private key`))
    const short = join(dir, 'short')
    await writeFile(short, 'abcd')
    await assert.rejects(loadL2Key(flags(['--key-file', short]), {}), userError(`key file ${short}: expected 64 hex characters (a 32-byte key)`))
    await assert.rejects(loadL2Key(flags(['--key-file', join(dir, 'missing')]), {}), userError(`cannot read the key file ${join(dir, 'missing')} (ENOENT)`))
    await assert.rejects(loadL2Key(flags([]), { NOMX_L2_MNEMONIC: 'test test test' }), userError('NOMX_L2_MNEMONIC: invalid mnemonic: unknown word or bad checksum'))
    await assert.rejects(loadL2Key(flags(['--key-file', short, '--unsafe-key', 'ab']), {}), userError('give one L2 key source, not --key-file and --unsafe-key'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('NoM keys: mnemonic (m/44\'/73404\'/i\'), seed file, env, and the errors', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-nomkey-'))
  try {
    const expected = keyPairFromMnemonic(MNEMONIC, 2)
    const mnemonicFile = join(dir, 'm.txt')
    await writeFile(mnemonicFile, MNEMONIC)
    assert.deepEqual((await loadNoMKey(flags(['--mnemonic-file', mnemonicFile, '--account', '2']), {})).address, expected.address)
    assert.deepEqual((await loadNoMKey(flags(['--account', '2']), { NOMX_NOM_MNEMONIC: MNEMONIC })).address, expected.address)
    assert.deepEqual((await loadNoMKey(flags([]), { NOMX_NOM_KEY: Buffer.from(expected.privateKey).toString('hex') })).address, expected.address)
    assert.deepEqual((await loadNoMKey(flags(['--unsafe-key', Buffer.from(expected.privateKey).toString('hex')]), {})).address, expected.address)
    await assert.rejects(loadNoMKey(flags(['--account', '1']), { NOMX_NOM_MNEMONIC: 'junk junk' }), userError('NOMX_NOM_MNEMONIC: invalid mnemonic: unknown word or bad checksum'))
    await assert.rejects(loadNoMKey(flags([]), { NOMX_NOM_KEY: 'xyz' }), userError('NOMX_NOM_KEY: expected 64 hex characters (a 32-byte key)'))
    await assert.rejects(loadNoMKey(flags(['--account', '2147483648', '--mnemonic-file', mnemonicFile]), {}), userError('--account must be below 2^31'))
    const seedFile = join(dir, 'seed')
    await writeFile(seedFile, Buffer.from(expected.privateKey).toString('hex'))
    await assert.rejects(loadNoMKey(flags(['--account', '2', '--key-file', seedFile]), {}), userError('--account picks an account of a mnemonic: use it with --mnemonic-file or NOMX_NOM_MNEMONIC'))
    await assert.rejects(loadNoMKey(flags(['--account', '2']), {}), userError('--account picks an account of a mnemonic: use it with --mnemonic-file or NOMX_NOM_MNEMONIC'))
    await assert.rejects(loadL2Key(flags(['--account', '1']), { NOMX_L2_KEY: '11'.repeat(32) }), userError('--account picks an account of a mnemonic: use it with --mnemonic-file or NOMX_L2_MNEMONIC'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
