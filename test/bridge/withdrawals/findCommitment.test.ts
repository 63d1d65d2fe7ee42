import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AnchorCommitment } from '../../../bridge/withdrawals/anchorReader.ts'
import { coveringCommitment, firstCommitmentWhere, newestCommitmentConfirmedBy } from '../../../bridge/withdrawals/findCommitment.ts'

function anchorOf(blocks: [l2BlockNumber: number, proposedAt: number][]) {
  const reads: bigint[] = []
  const commitments = blocks.map(([l2, at], i) => ({ index: BigInt(i + 1), l2BlockNumber: BigInt(l2), proposedAt: BigInt(at) }) as AnchorCommitment)
  return {
    reads,
    count: BigInt(commitments.length),
    async commitment(index: bigint) {
      reads.push(index)
      return commitments[Number(index) - 1]
    },
  }
}

describe('commitment searches', () => {
  const blocks: [number, number][] = Array.from({ length: 100 }, (_, i) => [(i + 1) * 10, 1000 + i * 3])

  it('coveringCommitment: the oldest at or after the block, in O(log n) reads', async () => {
    const a = anchorOf(blocks)
    assert.equal((await coveringCommitment(a, a.count, 10n))?.index, 1n)
    assert.equal((await coveringCommitment(a, a.count, 1n))?.index, 1n)
    assert.equal((await coveringCommitment(a, a.count, 11n))?.index, 2n)
    assert.equal((await coveringCommitment(a, a.count, 500n))?.index, 50n)
    a.reads.length = 0
    assert.equal((await coveringCommitment(a, a.count, 999n))?.index, 100n)
    assert.ok(a.reads.length <= 9, `${a.reads.length} reads`)
    assert.equal(await coveringCommitment(a, a.count, 1001n), undefined)
    assert.equal(await coveringCommitment(anchorOf([]), 0n, 1n), undefined)
  })

  it('newestCommitmentConfirmedBy: proposedAt + depth ≤ frontier', async () => {
    const a = anchorOf(blocks)
    assert.equal(await newestCommitmentConfirmedBy(a, a.count, 10n, 1009n), undefined)
    assert.equal((await newestCommitmentConfirmedBy(a, a.count, 10n, 1010n))?.index, 1n)
    assert.equal((await newestCommitmentConfirmedBy(a, a.count, 10n, 1012n))?.index, 1n)
    assert.equal((await newestCommitmentConfirmedBy(a, a.count, 10n, 1013n))?.index, 2n)
    assert.equal((await newestCommitmentConfirmedBy(a, a.count, 0n, 5000n))?.index, 100n)
  })

  it('a commitment deleted during the search (a stale count) counts as past the end', async () => {
    const a = anchorOf(blocks.slice(0, 5))
    assert.equal((await firstCommitmentWhere(a, 8n, (c) => c.l2BlockNumber >= 40n))?.index, 4n)
    assert.equal(await firstCommitmentWhere(a, 8n, (c) => c.l2BlockNumber >= 60n), undefined)
    // Every commitment left is confirmed: the newest one left, not none.
    assert.equal((await newestCommitmentConfirmedBy(a, 8n, 0n, 5000n))?.index, 5n)
    assert.equal((await newestCommitmentConfirmedBy(a, 8n, 10n, 1009n))?.index, undefined)
  })

  it('the answer is a commitment the search read: nothing is read after it, where a verdict could delete it', async () => {
    const a = anchorOf(blocks)
    const answer = await newestCommitmentConfirmedBy(a, a.count, 10n, 1013n)
    assert.equal(answer?.index, 2n)
    assert.ok(a.reads.includes(2n))
    const probes = [...a.reads]
    assert.equal(new Set(probes).size, probes.length, `an index read twice: ${probes.join(',')}`)
    a.reads.length = 0
    assert.equal((await coveringCommitment(a, a.count, 500n))?.index, 50n)
    assert.equal(new Set(a.reads).size, a.reads.length, `an index read twice: ${a.reads.join(',')}`)
  })
})
