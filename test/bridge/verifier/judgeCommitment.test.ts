/** Commitment verdicts (node/derivation/README.md §4) and the head history they read. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { judgeCommitment } from '../../../bridge/verifier/judgeCommitment.ts'
import { createHeadHistory } from '../../../bridge/verifier/headHistory.ts'
import type { VerifierCommitment } from '../../../bridge/verifier/anchorReads.ts'

const root = (b: number) => new Uint8Array(32).fill(b)

function commitment(l2BlockNumber: bigint, proposedAt: bigint, outputRoot: Uint8Array): VerifierCommitment {
  return { index: 1n, l2BlockNumber, outputRoot, originMomentumHeight: 1n, lastDepositIndex: 0n, framesHash: root(0), proposedAt, sendHash: root(9), status: 'inWindow', flag: undefined }
}

test('head history: the head after each momentum, by binary search over the changes', () => {
  const h = createHeadHistory()
  assert.equal(h.headAt(5n), 0n)
  h.record(10n, 0n)
  h.record(11n, 3n)
  h.record(12n, 3n)
  h.record(20n, 8n)
  assert.deepEqual([9n, 10n, 11n, 15n, 19n, 20n, 99n].map((x) => h.headAt(x)), [0n, 0n, 3n, 3n, 3n, 8n, 8n])
})

test('verdicts: pending before the proposal momentum is read; correct; wrong root; block not derivable by then', async () => {
  const history = createHeadHistory()
  history.record(10n, 4n)
  history.record(20n, 8n)
  const roots = new Map([[4n, root(4)], [8n, root(8)]])
  const ctx = (position: bigint | undefined) => ({ position, headAt: (x: bigint) => history.headAt(x), outputRootAt: async (n: bigint) => roots.get(n) })
  assert.deepEqual(await judgeCommitment(commitment(4n, 12n, root(4)), ctx(undefined)), { kind: 'pending' })
  assert.deepEqual(await judgeCommitment(commitment(4n, 12n, root(4)), ctx(11n)), { kind: 'pending' })
  assert.deepEqual(await judgeCommitment(commitment(4n, 12n, root(4)), ctx(12n)), { kind: 'correct', outputRoot: root(4) })
  assert.deepEqual(await judgeCommitment(commitment(4n, 12n, root(5)), ctx(30n)), {
    kind: 'wrong',
    expected: root(4),
    reason: `output root of block 4 is 0x${'04'.repeat(32)}, the commitment has 0x${'05'.repeat(32)}`,
  })
  // block 8 was derived at momentum 20: a commitment confirmed at 15 claimed a block NoM did not yet carry
  assert.deepEqual(await judgeCommitment(commitment(8n, 15n, root(8)), ctx(30n)), {
    kind: 'wrong',
    expected: undefined,
    reason: 'block 8 is not derivable from NoM data up to momentum 15 (derived head there: 4)',
  })
  assert.deepEqual(await judgeCommitment(commitment(8n, 20n, root(8)), ctx(30n)), { kind: 'correct', outputRoot: root(8) })
})
