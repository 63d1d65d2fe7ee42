import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bytesToHex } from '@ethereumjs/util'
import { batchBlockOf } from '../../../node/batch/batchBlock.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { concatBytes, fromHex, u64be } from '../../../nom/hash.ts'
import { startBatcherHarness, type AnchorBatches, type BatcherHarness } from './batcherHarness.ts'

/** Blocks 1..head each delivered exactly once, in order, equal to the node's blocks. */
async function assertBatchesMatchNode(h: BatcherHarness, batches: AnchorBatches, through: bigint) {
  const delivered = batches.channels.flatMap((c) => c.blocks)
  assert.deepEqual(batches.duplicateFrames, [], 'no frame posted twice')
  assert.deepEqual(
    delivered.map((b) => b.number),
    Array.from({ length: delivered.length }, (_, i) => BigInt(i + 1)),
    'every block once, in order',
  )
  assert.ok(BigInt(delivered.length) >= through, `anchor delivers ${delivered.length} blocks, expected ≥ ${through}`)
  for (const block of delivered) {
    const sealed = await h.node.backend.chain.getBlockByNumber(block.number)
    assert.deepEqual(block, batchBlockOf(sealed!), `block ${block.number}`)
  }
}

async function assertCommitments(h: BatcherHarness, batches: AnchorBatches, interval: bigint, wrong: (n: bigint) => boolean = () => false) {
  const { list } = await h.ac.anchor('getCommitments', [h.ac.chainId.toString(), 0, 1024])
  assert.ok(list.length > 0)
  for (const [i, c] of list.entries()) {
    const n = BigInt(c.l2BlockNumber)
    assert.equal(c.index, i + 1)
    assert.equal(n, interval * BigInt(i + 1), 'one commitment per interval, none skipped')
    const expected = await h.outputRootOverRPC(n)
    if (wrong(n)) assert.notEqual(`0x${c.outputRoot}`, expected, `commitment ${c.index} carries the fault`)
    else assert.equal(`0x${c.outputRoot}`, expected, `output root of block ${n}`)
    const sealed = (await h.node.backend.chain.getBlockByNumber(n))!
    assert.equal(BigInt(c.originMomentumHeight), sealed.origin!.height)
    assert.equal(c.originMomentumHash, bytesToHex(sealed.origin!.hash).slice(2))
    const channel = batches.channels.find((ch) => ch.blocks.some((b) => b.number === n))!
    const frame = batches.frames.find((f) => BigInt(f.index) === channel.readyAt)!
    assert.equal(c.framesHash, bytesToHex(keccak256(concatBytes(u64be(channel.readyAt), fromHex(frame.dataHash)))).slice(2))
  }
  return list as Record<string, any>[]
}

test('batcher: frames decode back to the node blocks, commitments match independently computed output roots, deposits counted', async () => {
  const h = await startBatcherHarness({ batcherIndices: [9, 10] })
  try {
    const batcher = h.batcher()
    await batcher.start()
    await h.sendTxs(30)
    const deposit = await h.ac.anchor('getChain', [h.ac.chainId.toString()])
    assert.equal(deposit.depositCount, 0)
    await h.waitFor('3 commitments', () => batcher.status().lastCommittedBlock >= 30n)
    const status = batcher.status()
    assert.equal(status.lastError, undefined)
    assert.ok(status.framesPosted > 0 && status.channelsPosted > 0)
    assert.ok(status.bytesPerTx !== undefined && status.bytesPerTx > 0)
    assert.equal(status.plasma.length, 2)
    const batches = await h.readAnchorBatches()
    const submitters = new Set(batches.frames.map((f) => f.submitter))
    await assertBatchesMatchNode(h, batches, status.lastPostedBlock)
    await assertCommitments(h, batches, 10n)
    assert.ok(submitters.size >= 1)
  } finally {
    await h.stop()
  }
})
