/**
 * Tx checks started ahead (prefetch, or several applyBlock calls in flight) give the same chain as
 * blocks applied one by one on the main thread; a block refused in the middle of a queue of calls
 * leaves the later calls refused by number, and applying them again after the fix goes on.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { RLP } from '@ethereumjs/rlp'
import { bytesToHex, concatBytes } from '@ethereumjs/util'
import { keccak256 } from '../../../node/keccak256.ts'
import { silentLogger } from '../../../node/log.ts'
import { createReplica, type Replica } from '../../../node/replay/createReplica.ts'
import { testConfig, transferChain } from './replayFixture.ts'

/** 130 txs a block: two chunks, one per worker. */
const inputs = transferChain(6, 130)

test('prefetched and in-flight blocks replay to the same chain as one-by-one inline checks', async () => {
  const configs = await Promise.all([testConfig(), testConfig(), testConfig()])
  const replicas: Replica[] = []
  try {
    const inline = await createReplica(configs[0]!, { log: silentLogger, txCheckWorkers: 0 })
    const prefetching = await createReplica(configs[1]!, { log: silentLogger, txCheckWorkers: 2 })
    const queued = await createReplica(configs[2]!, { log: silentLogger, txCheckWorkers: 2 })
    replicas.push(inline, prefetching, queued)
    for (const input of inputs) assert.ok((await inline.applyBlock(input)).valid)
    for (const [i, input] of inputs.entries()) {
      for (const ahead of inputs.slice(i + 1, i + 4)) prefetching.prefetch(ahead.txs)
      assert.ok((await prefetching.applyBlock(input)).valid)
    }
    // Block 3 broken (its txs reversed: nonces out of order): 4.. are refused by number, then re-applied.
    const broken = { ...inputs[2]!, txs: [...inputs[2]!.txs].reverse() }
    const results = await Promise.all([...inputs.slice(0, 2), broken, ...inputs.slice(3)].map((input) => queued.applyBlock(input)))
    assert.deepEqual(results.map((r) => r.valid), [true, true, false, false, false, false])
    assert.deepEqual(results[3], { valid: false, reason: 'block number 4 does not follow the head 2' })
    assert.equal(queued.head().block.header.number, 2n)
    const rest = await Promise.all(inputs.slice(2).map((input) => queued.applyBlock(input)))
    assert.ok(rest.every((r) => r.valid))
    const expected = bytesToHex(inline.head().hash)
    assert.equal(bytesToHex(prefetching.head().hash), expected)
    assert.equal(bytesToHex(queued.head().hash), expected)
  } finally {
    for (const replica of replicas) await replica.stop()
    for (const config of configs) await rm(config.dataDir, { recursive: true, force: true })
  }
})

test('a tx failing its checks or its execution in a later chunk refuses the block with the same reason as inline checks', async () => {
  const [block1] = transferChain(1, 300)
  const zeroS = (raw: Uint8Array) => {
    const fields = RLP.decode(raw.subarray(1)) as Uint8Array[]
    fields[11] = new Uint8Array()
    return concatBytes(Uint8Array.of(2), RLP.encode(fields))
  }
  const badSignature = { ...block1!, txs: block1!.txs.map((raw, i) => (i === 200 ? zeroS(raw) : raw)) }
  // Tx 260 swapped with tx 270 (same sender, nonces 26 and 27): tx 260's nonce is too high.
  const nonceGap = { ...block1!, txs: block1!.txs.map((raw, i, all) => (i === 260 ? all[270]! : i === 270 ? all[260]! : raw)) }
  const configs = await Promise.all([testConfig(), testConfig()])
  const replicas: Replica[] = []
  try {
    const inline = await createReplica(configs[0]!, { log: silentLogger, txCheckWorkers: 0 })
    const chunked = await createReplica(configs[1]!, { log: silentLogger, txCheckWorkers: 1 })
    replicas.push(inline, chunked)
    for (const [input, reason] of [
      [badSignature, `tx 200 (${bytesToHex(keccak256(badSignature.txs[200]!))}): invalid sender: invalid transaction v, r, s values`],
      [nonceGap, `tx 260 (${bytesToHex(keccak256(nonceGap.txs[260]!))}): the tx doesn't have the correct nonce. account has nonce of: 26 tx has nonce of: 27`],
    ] as const) {
      for (const replica of replicas) assert.deepEqual(await replica.applyBlock(input), { valid: false, reason })
    }
    for (const replica of replicas) assert.ok((await replica.applyBlock(block1!)).valid)
    assert.equal(bytesToHex(chunked.head().hash), bytesToHex(inline.head().hash))
  } finally {
    for (const replica of replicas) await replica.stop()
    for (const config of configs) await rm(config.dataDir, { recursive: true, force: true })
  }
})
