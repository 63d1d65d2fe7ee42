/**
 * Re-derivation over a stored chain: stored blocks answer without executing, a stored deposit-only
 * block refuses the batch it replaced, the engine takes over past the stored head, and a stored
 * chain that differs from what derivation yields stops with StoredChainMismatchError.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex } from '@ethereumjs/util'
import { createConfig } from '../../../node/config.ts'
import { silentLogger } from '../../../node/log.ts'
import { createReplica } from '../../../node/replay/createReplica.ts'
import { createResumingTarget, StoredChainMismatchError } from '../../../node/derivation/createResumingTarget.ts'
import { signTx, transferChain } from '../replay/replayFixture.ts'

test('resuming over stored blocks: same answers without execution, deposit-only blocks stay so, mismatches stop', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-resume-'))
  try {
    const config = createConfig({ dataDir, rpc: { host: '127.0.0.1', port: 0 } })
    const inputs = transferChain(3, 2)
    const b1 = inputs[0]!
    const b2 = inputs[1]!
    const b3 = inputs[2]!
    const first = await createReplica(config, { log: silentLogger })
    const r1 = await first.applyBlock(b1)
    assert.equal(r1.valid, true)
    // block 2 stored as deposit-only (as derivation does for a batch block it could not include)
    const r2 = await first.applyBlock({ ...b2, txs: [] })
    assert.equal(r2.valid, true)
    const stored1 = r1.valid ? r1 : undefined
    await first.stop()

    const replica = await createReplica(config, { log: silentLogger })
    const target = await createResumingTarget(replica)
    assert.equal(target.resuming(), true)
    assert.equal(target.head().block.header.number, 0n)
    const again1 = await target.applyBlock(b1)
    assert.equal(again1.valid, true)
    assert.equal(again1.valid && bytesToHex(again1.sealed.hash), bytesToHex(stored1!.sealed.hash))
    assert.equal(again1.valid && bytesToHex(again1.outputRoot), bytesToHex(stored1!.outputRoot))
    assert.equal(replica.progress().blocks, 0, 'nothing executed')
    assert.deepEqual(await target.applyBlock(b2), { valid: false, reason: 'stored as a deposit-only block: its batch had a transaction that cannot be included' })
    assert.equal((await target.applyBlock({ ...b2, txs: [] })).valid, true)
    assert.equal(target.resuming(), false)
    // past the stored head the engine executes (b3 continues the nonces of b1, b2 had none)
    const b3Txs = [signTx(6, { nonce: 0n, to: new Uint8Array(20).fill(0xe5), value: 3n })]
    const r3 = await target.applyBlock({ ...b3, txs: b3Txs })
    assert.equal(r3.valid, true)
    assert.equal(replica.head().block.header.number, 3n)
    assert.equal(replica.progress().blocks, 1)
    await replica.stop()

    const other = await createReplica(config, { log: silentLogger })
    const mismatch = await createResumingTarget(other)
    await assert.rejects(mismatch.applyBlock({ ...b1, txs: [b1.txs[0]!] }), (e: Error) => e instanceof StoredChainMismatchError && e.message === 'stored block 1 differs from the derived one (transactions): the data dir holds another chain')
    await assert.rejects(mismatch.applyBlock({ ...b1, timestamp: b1.timestamp + 1n }), {
      name: 'StoredChainMismatchError',
      message: `stored block 1 differs from the derived one (timestamp ${b1.timestamp} stored, ${b1.timestamp + 1n} derived): the data dir holds another chain`,
    })
    assert.deepEqual(await mismatch.applyBlock(b2), { valid: false, reason: 'block number 2 does not follow the head 0' })
    await other.stop()
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})

test('resuming from a checkpoint head: stored blocks after it answer from the store; another hash or a missing block stops', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-resume-from-'))
  try {
    const config = createConfig({ dataDir, rpc: { host: '127.0.0.1', port: 0 } })
    const [b1, b2] = transferChain(2, 1) as [ReturnType<typeof transferChain>[0], ReturnType<typeof transferChain>[0]]
    const first = await createReplica(config, { log: silentLogger })
    assert.equal((await first.applyBlock(b1)).valid, true)
    const r2 = await first.applyBlock(b2)
    await first.stop()
    const replica = await createReplica(config, { log: silentLogger })
    const block1 = (await replica.chain.getBlockByNumber(1n))!
    const target = await createResumingTarget(replica, { from: { number: 1n, hash: block1.hash } })
    assert.equal(target.resuming(), true)
    assert.equal(bytesToHex(target.head().hash), bytesToHex(block1.hash))
    const again = await target.applyBlock(b2)
    assert.equal(again.valid && bytesToHex(again.sealed.hash), r2.valid && bytesToHex(r2.sealed.hash))
    assert.equal(replica.progress().blocks, 0)
    assert.equal(target.resuming(), false)
    await assert.rejects(createResumingTarget(replica, { from: { number: 1n, hash: new Uint8Array(32) } }), {
      name: 'StoredChainMismatchError',
      message: `stored block 1 is ${bytesToHex(block1.hash)}, derivation continues from 0x${'00'.repeat(32)}: the data dir holds another chain`,
    })
    await assert.rejects(createResumingTarget(replica, { from: { number: 3n, hash: new Uint8Array(32) } }), { name: 'StoredChainMismatchError', message: 'derivation continues from block 3, but the stored head is 2' })
    await replica.stop()
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})
