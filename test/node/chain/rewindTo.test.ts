/**
 * The chain store's rewind (a verifier whose NoM momentums were replaced): the blocks above the
 * target lose their canonical entries, tx lookups and log index; latest/safe/finalized point at
 * the target; it survives a reopen; the replica's writer state follows (Replica.rewind), so the
 * same blocks re-applied get the same hashes.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { bigIntToUnpaddedBytes, bytesToHex, generateAddress, hexToBytes } from '@ethereumjs/util'
import { silentLogger } from '../../../node/log.ts'
import { blockNumberKey, headKey } from '../../../node/db/keys.ts'
import { createReplica } from '../../../node/replay/createReplica.ts'
import { accounts, signTx, testConfig, transferChain } from '../replay/replayFixture.ts'

/** Deploys a runtime that emits LOG1(topic = first calldata word, data = 32-byte 0x2a). */
const EMITTER_INIT = hexToBytes('0x600e600c600039600e6000f3602a60005260003560206000a100')

test('rewindTo: blocks above the target leave canonical, tx lookup, logs and heads; the replica rebuilds them the same', async () => {
  const config = await testConfig()
  try {
    const inputs = transferChain(4, 2)
    const emitter = generateAddress(accounts[0]!.address, bigIntToUnpaddedBytes(0n))
    inputs[1]!.txs.push(signTx(0, { nonce: 0n, data: EMITTER_INIT, gasLimit: 200_000n }))
    inputs[2]!.txs.push(signTx(0, { nonce: 1n, to: emitter, data: new Uint8Array(32).fill(7), gasLimit: 100_000n }))
    let replica = await createReplica(config, { log: silentLogger, txCheckWorkers: 0 })
    const hashes: string[] = []
    for (const input of inputs) {
      const r = await replica.applyBlock(input)
      assert.equal(r.valid, true, r.valid ? '' : r.reason)
      hashes.push(r.valid ? bytesToHex(r.sealed.hash) : '')
    }
    const chain = replica.chain
    await chain.setSafe(4n)
    await chain.setFinalized(2n)
    const block3 = (await chain.getBlockByNumber(3n))!
    const movedTxs = [...block3.block.transactions, ...(await chain.getBlockByNumber(4n))!.block.transactions].map((tx) => tx.hash())
    assert.equal((await chain.getLogs({ fromBlock: 0n, toBlock: 4n, addresses: [], topics: [] })).length, 1)

    await assert.rejects(chain.rewindTo(5n), { name: 'StorageError', message: 'cannot rewind to block 5: the head is 4' })
    const head = await replica.rewind(2n)
    assert.equal(bytesToHex(head.hash), hashes[1])
    assert.equal(chain.head().block.header.number, 2n)
    assert.equal(chain.numberOfTag('safe'), 2n)
    assert.equal(chain.numberOfTag('finalized'), 2n)
    assert.equal(await chain.getBlockByNumber(3n), undefined)
    for (const n of [3n, 4n]) {
      assert.equal(await chain.db.get('canonical', blockNumberKey(n)), undefined)
      assert.equal(await chain.db.get('logs', blockNumberKey(n)), undefined)
    }
    for (const tx of movedTxs) assert.equal(await chain.getTransactionLocation(tx), undefined)
    assert.deepEqual(await chain.getLogs({ fromBlock: 0n, toBlock: 4n, addresses: [], topics: [] }), [])
    assert.equal(bytesToHex((await chain.getBlockByHash(block3.hash))!.hash), bytesToHex(block3.hash), 'headers stay by hash')

    // the writer state is back at block 2: the same blocks get the same hashes
    for (const input of inputs.slice(2)) {
      const r = await replica.applyBlock(input)
      assert.equal(r.valid, true, r.valid ? '' : r.reason)
    }
    assert.equal(bytesToHex(chain.head().hash), hashes[3])
    assert.equal((await chain.getLogs({ fromBlock: 0n, toBlock: 4n, addresses: [], topics: [] })).length, 1)
    assert.deepEqual(await chain.getTransactionLocation(movedTxs[0]!), { blockNumber: 3n, blockHash: hexToBytes(hashes[2] as `0x${string}`), index: 2 }, "after the origin info and the user deposit")

    // a rewind is durable
    await replica.rewind(1n)
    await replica.stop()
    replica = await createReplica(config, { log: silentLogger, txCheckWorkers: 0 })
    assert.equal(bytesToHex(replica.head().hash), hashes[0])
    assert.equal(replica.chain.numberOfTag('safe'), 1n)
    const again = await replica.applyBlock(inputs[1]!)
    assert.equal(again.valid && bytesToHex(again.sealed.hash), hashes[1])
    await replica.stop()
  } finally {
    await rm(config.dataDir, { recursive: true, force: true })
  }
})

test('setSafe / setFinalized racing a rewind: run in call order, never left pointing above the head', async () => {
  const config = await testConfig()
  try {
    const replica = await createReplica(config, { log: silentLogger, txCheckWorkers: 0 })
    for (const input of transferChain(4, 1)) assert.equal((await replica.applyBlock(input)).valid, true)
    const chain = replica.chain
    // A head tracker that read the old head (4) marks blocks the rewind is removing.
    const rewound = chain.rewindTo(2n)
    const safe = chain.setSafe(4n)
    const finalized = chain.setFinalized(3n)
    await rewound
    await assert.rejects(safe, { name: 'StorageError', message: 'cannot mark unknown block 4 safe' })
    await assert.rejects(finalized, { name: 'StorageError', message: 'cannot mark unknown block 3 finalized' })
    assert.equal(chain.numberOfTag('safe'), 0n)
    assert.equal(chain.numberOfTag('finalized'), 0n)
    // Called before the rewind, they run before it: the rewind then brings them down to its target.
    await chain.setSafe(2n)
    const marked = chain.setSafe(1n)
    const again = chain.rewindTo(0n)
    await marked
    await again
    assert.equal(chain.numberOfTag('safe'), 0n)
    const stored = await chain.db.get('heads', headKey('safe'))
    assert.equal(bytesToHex(stored!), bytesToHex(chain.head().hash))
    await replica.stop()
  } finally {
    await rm(config.dataDir, { recursive: true, force: true })
  }
})
