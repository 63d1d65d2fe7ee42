import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bytesToHex } from '@ethereumjs/util'
import { batchBlockOf } from '../../../node/batch/batchBlock.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { concatBytes, fromHex, u64be } from '../../../nom/hash.ts'
import { COIN } from '../../../nom/constants.ts'
import { DepositABI } from '../../../contracts/anchor/abi.ts'
import { callAnchor } from '../../../bridge/stack/anchorCall.ts'
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

test('batcher: frames decode back to the node blocks, commitments match output roots computed over eth_getProof', async () => {
  const h = await startBatcherHarness({ batcherIndices: [9, 10] })
  try {
    const batcher = h.batcher()
    await batcher.start()
    await h.sendTxs(30)
    await h.waitFor('3 commitments', () => batcher.status().lastCommittedBlock >= 30n)
    const status = batcher.status()
    assert.equal(status.lastError, undefined)
    assert.ok(status.framesPosted > 0 && status.channelsPosted > 0)
    assert.ok(status.bytesPerTx !== undefined && status.bytesPerTx > 0)
    assert.equal(status.plasma.length, 2)
    const batches = await h.readAnchorBatches()
    await assertBatchesMatchNode(h, batches, status.lastPostedBlock)
    const commitments = await assertCommitments(h, batches, 10n)
    assert.ok(commitments.every((c) => c.lastDepositIndex === 0))
  } finally {
    await h.stop()
  }
})

test('proposer: lastDepositIndex follows the deposits in blocks ≤ N; the fault switch commits a wrong root for the chosen block only', async () => {
  const h = await startBatcherHarness()
  try {
    const batcher = h.batcher({ faults: { wrongOutputRoot: (n) => n === 20n }, commitIntervalBlocks: 10n })
    await batcher.start()
    await h.waitFor('first commitment', () => batcher.status().lastCommittedBlock >= 10n)
    const outcome = await callAnchor(h.ac.client, h.ac.roles.user, DepositABI.encode({ chainId: h.ac.chainId, l2Recipient: new Uint8Array(20).fill(0x42) }), {
      amount: 3n * COIN,
      pollMs: 30,
    })
    assert.equal(outcome.ok, true)
    await h.waitFor('the deposit on L2', async () => h.node.backend.chain.head().lastDepositSourceHash !== undefined)
    const depositBlock = h.node.backend.chain.head().block.header.number
    const covering = ((depositBlock + 9n) / 10n) * 10n
    await h.waitFor(`commitment of block ${covering}`, () => batcher.status().lastCommittedBlock >= covering && batcher.status().lastCommittedBlock >= 30n)
    const batches = await h.readAnchorBatches()
    await assertBatchesMatchNode(h, batches, covering)
    const commitments = await assertCommitments(h, batches, 10n, (n) => n === 20n)
    for (const c of commitments) {
      const sealed = (await h.node.backend.chain.getBlockByNumber(BigInt(c.l2BlockNumber)))!
      assert.equal(c.lastDepositIndex, sealed.lastDepositSourceHash === undefined ? 0 : 1, `commitment ${c.index}`)
    }
    assert.equal(commitments.find((c) => BigInt(c.l2BlockNumber) === covering)?.lastDepositIndex, 1)
    assert.ok(h.logs.some((l) => l.msg === 'commitment proposed with a WRONG output root (fault switch)' && l.l2BlockNumber === '20'))
  } finally {
    await h.stop()
  }
})

test('restart mid-channel (two batcher accounts): the new batcher posts only the missing frames; no frame or commitment twice, no block skipped', async () => {
  const h = await startBatcherHarness({ batcherIndices: [9, 10] })
  try {
    await h.sendTxs(10, 30_000)
    await h.waitFor('10 blocks with the big txs', () => h.node.backend.txpool.status().pending === 0 && h.node.backend.chain.head().block.header.number >= 10n)
    const first = h.batcher()
    await first.start()
    await h.waitFor('a few frames', () => first.status().framesPosted >= 4)
    await first.stop()
    assert.equal(first.status().channelsPosted, 0, 'stopped in the middle of the first channel')
    const postedBefore = first.status().framesPosted

    const second = h.batcher()
    await second.start()
    await h.sendTxs(5)
    await h.waitFor('commitment of block 20', () => second.status().lastCommittedBlock >= 20n)
    const resumed = h.logs.find((l) => l.msg === 'channel finished after restart')
    assert.ok(resumed !== undefined, 'the half-posted channel was finished, not re-cut')
    assert.equal(resumed.blocks, '1-10')
    assert.equal(Number(resumed.frames) + postedBefore, Number(resumed.totalFrames))
    await second.stop()

    const third = h.batcher()
    await third.start()
    const resumePoint = h.logs.find((l) => l.msg === 'resuming after the last commitment')
    assert.ok(resumePoint !== undefined, 'the third start reads frames only after the last commitment')
    assert.ok(Number(resumePoint.l2BlockNumber) >= 20)
    await h.waitFor('commitment of block 30', () => third.status().lastCommittedBlock >= 30n)
    await third.stop()
    const batches = await h.readAnchorBatches()
    await assertBatchesMatchNode(h, batches, 30n)
    await assertCommitments(h, batches, 10n)
    assert.equal(new Set(batches.frames.map((f) => f.submitter)).size, 2, 'both accounts posted')
    assert.equal(third.status().lastError, undefined)
    if (process.env.BATCHER_DEBUG !== undefined) console.log(h.logs.map((l) => JSON.stringify(l)).join('\n'))
  } finally {
    await h.stop()
  }
})
