import assert from 'node:assert/strict'
import { test } from 'node:test'
import { COIN } from '../../../nom/constants.ts'
import { CreateChainABI, DepositABI } from '../../../contracts/anchor/abi.ts'
import { DEFAULT_BRIDGE_CONFIG, GUARDIAN_QUORUM } from '../../../bridge/config.ts'
import { formatAddress } from '../../../nom/address.ts'
import { callAnchor } from '../../../bridge/stack/anchorCall.ts'
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

test('proposer: a key that is not the chain’s proposer is reported; an unbonded proposer posts the proposerBond before its first commitment', async () => {
  const h = await startBatcherHarness()
  try {
    // A second chain on the same anchor, same proposer, nothing bonded on it yet.
    const chainId = 99n
    const params = DEFAULT_BRIDGE_CONFIG.chain
    const created = await callAnchor(
      h.ac.client,
      h.ac.roles.admin,
      CreateChainABI.encode({ chainId, proposer: h.ac.roles.proposer.address, ...params, guardians: h.ac.roles.guardians.map((g) => g.address), quorum: GUARDIAN_QUORUM }),
      { pollMs: 30 },
    )
    assert.equal(created.ok, true)
    const bond = () => h.ac.anchor('getBond', [chainId.toString(), formatAddress(h.ac.roles.proposer.address)])
    assert.equal((await bond()).amount, '0')
    // A proposer key that is not the chain's: the proposer loop reports it and proposes nothing.
    const wrong = h.batcher({ chainId, proposerKey: h.ac.roles.flagger })
    await wrong.start()
    const expected = `the chain's proposer is ${formatAddress(h.ac.roles.proposer.address)}, not ${formatAddress(h.ac.roles.flagger.address)}`
    await h.waitFor('the proposer error', () => wrong.status().lastError === expected)
    await wrong.stop()
    assert.equal(wrong.status().commitmentsProposed, 0)

    const batcher = h.batcher({ chainId })
    await batcher.start()
    await h.waitFor('the first commitment on chain 99', () => batcher.status().lastCommittedBlock >= 10n)
    assert.equal(BigInt((await bond()).amount), params.proposerBond)
    const bonded = h.logs.findIndex((l) => l.msg === 'proposer bonded')
    assert.ok(bonded >= 0 && bonded < h.logs.findIndex((l) => l.msg === 'commitment proposed'))
    assert.equal((await h.ac.anchor('getCommitment', [chainId.toString(), 1])).l2BlockNumber, 10)
  } finally {
    await h.stop()
  }
})
