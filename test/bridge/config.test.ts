import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBridgeConfig, loadBridgeConfig, resolveBridgeKeys, splitBridgeArgs } from '../../bridge/config.ts'
import { ConfigError } from '../../node/errors.ts'
import { formatAddress } from '../../nom/address.ts'
import { keyPairFromSeed } from '../../nom/keys.ts'
import { DEV_MNEMONIC } from '../helpers/node.ts'

const configError = (message: string) => (e: unknown) => e instanceof ConfigError && e.message === message

test('bridge config: dev defaults, frozen', () => {
  const c = createBridgeConfig()
  assert.equal(c.nomRpcUrl, undefined)
  assert.equal(c.devnet.momentumIntervalMs, 500)
  assert.equal(c.devnet.administratorDelay, 10n)
  assert.equal(c.chain.challengeWindow, 20n)
  assert.equal(c.commitIntervalBlocks, 10n)
  assert.equal(c.chainId, undefined)
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.chain) && Object.isFrozen(c.devnet))
})

test('bridge config: file < environment < flags', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-bridge-config-'))
  try {
    const file = join(dir, 'bridge.json')
    await writeFile(file, JSON.stringify({ commitIntervalBlocks: 3, finalityDepth: 9, chain: { challengeWindow: 7 } }))
    const c = loadBridgeConfig({
      file,
      env: { NOMX_COMMIT_INTERVAL: '5', NOMX_MOMENTUM_MS: '250', NOMX_NOM_RPC: 'ws://127.0.0.1:35998' },
      argv: ['--commit-interval', '6', '--challenge-window=30', '--anchor-chain-id', '42'],
    })
    assert.equal(c.commitIntervalBlocks, 6n)
    assert.equal(c.finalityDepth, 9n)
    assert.equal(c.chain.challengeWindow, 30n)
    assert.equal(c.chain.sequencingWindow, 60n)
    assert.equal(c.devnet.momentumIntervalMs, 250)
    assert.equal(c.nomRpcUrl, 'ws://127.0.0.1:35998')
    assert.equal(c.chainId, 42n)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('bridge config: errors name the field', () => {
  assert.throws(() => createBridgeConfig({ commitIntervalBlocks: 0 }), configError('config: bridge.commitIntervalBlocks: expected an integer from 1 to 1000000'))
  assert.throws(() => createBridgeConfig({ devnet: { momentumIntervalMs: 50 } }), configError('config: bridge.devnet.momentumIntervalMs: expected an integer from 100 to 3600000'))
  assert.throws(() => createBridgeConfig({ chain: { sequencingWindow: 1, depositConfirmations: 1 } }), configError('config: bridge.chain.sequencingWindow: must exceed chain.depositConfirmations'))
  assert.throws(() => createBridgeConfig({ nomRpcUrl: 'localhost:35997' }), configError('config: bridge.nomRpcUrl: expected an http://, https://, ws:// or wss:// URL'))
  assert.throws(() => createBridgeConfig({ chain: { bond: 1 } }), configError('config: bridge.chain.bond: unknown field'))
  assert.throws(() => createBridgeConfig({ mnemonic: 'not a mnemonic' }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('config: bridge.mnemonic: '))
  assert.throws(() => loadBridgeConfig({ argv: ['--challenge-window'] }), configError('config: flag --challenge-window needs a value'))
  assert.throws(() => loadBridgeConfig({ argv: ['--port', '1'] }), configError('config: unknown flag --port'))
  assert.throws(() => loadBridgeConfig({ env: { NOMX_PROPOSER_BOND: '0' } }), configError('config: bridge.chain.proposerBond: expected an integer from 1 to 115792089237316195423570985008687907853269984665640564039457584007913129639935'))
})

test('bridge config: splitBridgeArgs separates the bridge flags from the node flags', () => {
  const { bridge, rest } = splitBridgeArgs(['--port', '0', '--nom-http-port', '0', '--data-dir=/x', '--challenge-window=5', '--bridge-config', 'b.json'])
  assert.deepEqual(bridge, ['--nom-http-port', '0', '--challenge-window=5', '--bridge-config', 'b.json'])
  assert.deepEqual(rest, ['--port', '0', '--data-dir=/x'])
})

test('bridge keys: README §5 roles from the mnemonic, key files override', async () => {
  const keys = resolveBridgeKeys(createBridgeConfig(), DEV_MNEMONIC)
  assert.equal(formatAddress(keys.administrator!.address), 'z1qzenlvgmlf4aqwmxh5zfndgfesqacsm66lu2zr')
  assert.equal(formatAddress(keys.proposer.address), 'z1qzye67s4dzjvne50g0xyw7m276avk608e78f7p')
  assert.deepEqual(keys.batchers.map((k) => formatAddress(k.address)), ['z1qqmtm6pu03hv3xtjfrvnxuwkcwjammys7an2yk'])
  assert.equal(keys.guardians.length, 5)
  const dir = await mkdtemp(join(tmpdir(), 'nomx-bridge-keys-'))
  try {
    const seed = '11'.repeat(32)
    await writeFile(join(dir, 'proposer.key'), `0x${seed}\n`)
    await writeFile(join(dir, 'bad.key'), 'zz')
    await writeFile(join(dir, 'batcher.key'), '22'.repeat(32))
    const files = { proposerKeyFile: join(dir, 'proposer.key'), batcherKeyFile: join(dir, 'batcher.key') }
    const fromFile = resolveBridgeKeys(createBridgeConfig(files), undefined)
    assert.deepEqual(fromFile.proposer.address, keyPairFromSeed(Uint8Array.from(Buffer.from(seed, 'hex'))).address)
    assert.deepEqual(fromFile.batchers[0]!.address, keyPairFromSeed(new Uint8Array(32).fill(0x22)).address)
    assert.equal(fromFile.administrator, undefined)
    assert.deepEqual(fromFile.guardians, [])
    assert.throws(
      () => resolveBridgeKeys(createBridgeConfig({ proposerKeyFile: join(dir, 'proposer.key') }), undefined),
      configError('config: bridge.batcherKeyFile: no key file and no mnemonic to derive it from'),
    )
    assert.throws(
      () => resolveBridgeKeys(createBridgeConfig({ proposerKeyFile: join(dir, 'bad.key') }), DEV_MNEMONIC),
      configError(`config: bridge.proposerKeyFile: ${join(dir, 'bad.key')} must hold a 32-byte ed25519 seed as 64 hex characters`),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
