import assert from 'node:assert/strict'
import { test } from 'node:test'
import { COIN } from '../../../nom/constants.ts'
import { CreateChainABI, DepositABI } from '../../../contracts/anchor/abi.ts'
import { DEFAULT_BRIDGE_CONFIG, GUARDIAN_QUORUM } from '../../../bridge/config.ts'
import { formatAddress } from '../../../nom/address.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import { startBatcherHarness } from './batcherHarness.ts'
import { assertBatchesMatchNode, assertCommitments } from './anchorAssertions.ts'

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
    await h.waitFor(`commitment of block ${covering}`, () => batcher.status().lastCommittedBlock >= covering && batcher.status().lastCommittedBlock >= 20n)
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
