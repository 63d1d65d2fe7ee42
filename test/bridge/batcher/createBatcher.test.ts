import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startBatcherHarness } from './batcherHarness.ts'
import { assertBatchesMatchNode, assertCommitments } from './anchorAssertions.ts'

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
    assert.equal(new Set(batches.frames.map((f) => f.submitter)).size, 2, 'single-frame channels alternate between the two accounts')
    const commitments = await assertCommitments(h, batches, 10n)
    assert.ok(commitments.every((c) => c.lastDepositIndex === 0))
  } finally {
    await h.stop()
  }
})
