/**
 * Searches of a chain's commitments on the anchor. Commitments exist at indices 1..count (a fraud
 * verdict deletes a tail and the next proposal reuses its index), and both `l2BlockNumber` and
 * `proposedAt` never decrease with the index (SPEC.md §3.7 steps 5 and 4), so every search here is a
 * binary search: O(log count) `getCommitment` reads.
 */
import type { AnchorCommitment, AnchorReader } from './anchorReader.ts'

/**
 * The commitment with the lowest index for which `past` holds, where `past` is false for a prefix
 * of the indices and true for the rest (monotone). undefined when it holds for none. A commitment
 * that disappears during the search (deleted by a verdict) counts as past: deletions cut the tail.
 */
export async function firstCommitmentWhere(
  anchor: Pick<AnchorReader, 'commitment'>,
  count: bigint,
  past: (c: AnchorCommitment) => boolean,
): Promise<AnchorCommitment | undefined> {
  let low = 1n
  let high = count + 1n
  let found: AnchorCommitment | undefined
  while (low < high) {
    const mid = (low + high) / 2n
    const c = await anchor.commitment(mid)
    if (c === undefined || past(c)) {
      high = mid
      if (c !== undefined) found = c
    } else {
      low = mid + 1n
    }
  }
  return found !== undefined && found.index === low ? found : low <= count ? anchor.commitment(low) : undefined
}

/** The oldest commitment whose L2 block is at or after `l2BlockNumber` (the first that covers it). */
export function coveringCommitment(anchor: Pick<AnchorReader, 'commitment'>, count: bigint, l2BlockNumber: bigint): Promise<AnchorCommitment | undefined> {
  return firstCommitmentWhere(anchor, count, (c) => c.l2BlockNumber >= l2BlockNumber)
}

/** The newest commitment confirmed at least `depth` momentums before `frontierHeight` (proposedAt + depth ≤ frontier). */
export async function newestCommitmentConfirmedBy(
  anchor: Pick<AnchorReader, 'commitment'>,
  count: bigint,
  depth: bigint,
  frontierHeight: bigint,
): Promise<AnchorCommitment | undefined> {
  const firstTooNew = await firstCommitmentWhere(anchor, count, (c) => c.proposedAt + depth > frontierHeight)
  const index = firstTooNew === undefined ? count : firstTooNew.index - 1n
  return index >= 1n ? anchor.commitment(index) : undefined
}
