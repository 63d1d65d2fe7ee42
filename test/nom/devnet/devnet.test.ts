/** createDevnet: options checks, and a restart that continues the same chain (frontier, balances, pending blocks). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDevnet } from '../../../nom/devnet/devnet.ts'
import { ZNN_ZTS } from '../../../nom/constants.ts'
import { formatAddress } from '../../../nom/address.ts'
import { toHex } from '../../../nom/hash.ts'
import { balance, devKey, frontierMomentum, publish, send, startDevnet } from './helpers.ts'

test('restart keeps the frontier momentum, balances and pending blocks', async () => {
  const A = devKey(0)
  const B = devKey(1)
  let net = await startDevnet()
  const dir = net.dataDir
  try {
    const s1 = await send(net, A, B.address, 7n, ZNN_ZTS)
    assert.equal((await publish(net, s1)).error, undefined)
    await net.produceMomentumNow()
    const s2 = await send(net, A, B.address, 11n, ZNN_ZTS)
    assert.equal((await publish(net, s2)).error, undefined)
    const frontier = await frontierMomentum(net)
    const balanceA = await balance(net, A.address, ZNN_ZTS)
    const account = await net.call('ledger.getAccountInfoByAddress', [formatAddress(A.address)])
    await net.stop()

    net = await startDevnet({}, dir)
    const again = await frontierMomentum(net)
    assert.equal(toHex(again.hash), toHex(frontier.hash))
    assert.equal(await balance(net, A.address, ZNN_ZTS), balanceA)
    assert.deepEqual(await net.call('ledger.getAccountInfoByAddress', [formatAddress(A.address)]), account)
    const pending = (await net.call('ledger.getUnconfirmedBlocksByAddress', [formatAddress(A.address), 0, 10])) as { count: number; list: Array<{ hash: string }> }
    assert.equal(pending.count, 1)
    assert.equal(pending.list[0]!.hash, toHex(s2.hash))
    // the chain goes on: the pending block is confirmed by the next momentum, built on the old frontier
    const next = await net.produceMomentumNow()
    assert.equal(toHex(next.previousHash), toHex(frontier.hash))
    assert.equal(next.content.length, 1)
    assert.equal(toHex(next.content[0]!.hash), toHex(s2.hash))
    assert.ok(next.timestamp > frontier.timestamp)
  } finally {
    await net.stop()
  }
  // a different chain identifier on the same data dir is refused
  await assert.rejects(createDevnet({ dataDir: dir, chainIdentifier: 7, http: { port: 0 }, ws: { port: 0 } }), {
    name: 'DevnetConfigError',
    message: 'chainIdentifier 7 does not match the data dir\'s chain 100 (use --reset)',
  })
  // and the refused start released the database: a correct start works
  const again = await startDevnet({}, dir)
  await again.dispose()
})

test('option checks name the option', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-devnet-opts-'))
  try {
    await assert.rejects(createDevnet({ dataDir: dir, momentumIntervalMs: 50 }), { name: 'DevnetConfigError', message: 'momentumIntervalMs must be an integer ≥ 100, got 50' })
    await assert.rejects(createDevnet({ dataDir: dir, producerSeed: 'abc' }), { name: 'DevnetConfigError', message: 'producerSeed must be 32 bytes (64 hex characters)' })
    await assert.rejects(createDevnet({ dataDir: dir, genesis: { chainIdentifier: 0 } }), { name: 'GenesisError', message: 'genesis chainIdentifier: must be between 1 and 18446744073709551615' })
    const contract = (name: string, address: Uint8Array) => ({ name, address, methods: [], rpc: {} })
    await assert.rejects(createDevnet({ dataDir: dir, contracts: [contract('x', devKey(0).address)] }), { name: 'DevnetConfigError', message: 'contracts: x address must have type byte 0x01' })
    await assert.rejects(createDevnet({ dataDir: dir, contracts: [contract('plasma', Uint8Array.of(1, ...new Array(19).fill(7)))] }), { name: 'DevnetConfigError', message: 'contracts: two contracts named plasma' })
    const { PLASMA_ADDRESS } = await import('../../../nom/constants.ts')
    await assert.rejects(createDevnet({ dataDir: dir, contracts: [contract('other', PLASMA_ADDRESS)] }), {
      name: 'DevnetConfigError',
      message: 'contracts: two contracts at z1qxemdeddedxplasmaxxxxxxxxxxxxxxxxsctrp',
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('a custom chain identifier and producer seed are used', async () => {
  const seed = '11'.repeat(32)
  const net = await startDevnet({ chainIdentifier: 321, producerSeed: seed })
  try {
    const m = await net.produceMomentumNow()
    assert.equal(m.chainIdentifier, 321n)
    const { keyPairFromSeed } = await import('../../../nom/keys.ts')
    assert.equal(toHex(m.publicKey), toHex(keyPairFromSeed(Buffer.from(seed, 'hex')).publicKey))
    const r = await publish(net, await send(net, devKey(0), devKey(1).address, 1n, ZNN_ZTS))
    assert.deepEqual(r.error, { code: -32000, message: 'the block has a different network Id (100) from the node (321)' })
  } finally {
    await net.dispose()
  }
})
