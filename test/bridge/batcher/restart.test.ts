import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBatcherHarness } from './batcherHarness.ts'
import { assertBatchesMatchNode, assertCommitments } from './anchorAssertions.ts'

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
