/**
 * Searches of a chain's commitments on the anchor. Commitments exist at indices 1..count (a fraud
 * verdict deletes a tail and the next proposal reuses its index), and both `l2BlockNumber` and
 * `proposedAt` never decrease with the index (SPEC.md §3.7 steps 5 and 4), so every search here is a
 * binary search: O(log count) `getCommitment` reads.
 */
import type { AnchorCommitment, AnchorReader } from './anchorReader.ts'

/**
 * Where `past` starts to hold: `past` is false for a prefix of the indices and true for the rest
 * (monotone), and a commitment missing at an index (deleted by a verdict during the search, when
 * `count` is stale) counts as past, since deletions cut the tail. Every index the answer names was
 * read during the search, so nothing is read again afterwards (where a verdict could strike in
 * between): the search only moves `low` past an index it read as not past, and `high` onto an index
 * it read as past or missing.
 */
async function boundaryOf(
  anchor: Pick<AnchorReader, 'commitment'>,
  count: bigint,
  past: (c: AnchorCommitment) => boolean,
): Promise<{ first: AnchorCommitment | undefined; beforeFirst: AnchorCommitment | undefined }> {
  let low = 1n
  let high = count + 1n
  let atHigh: AnchorCommitment | undefined
  let beforeLow: AnchorCommitment | undefined
  while (low < high) {
    const mid = (low + high) / 2n
    const c = await anchor.commitment(mid)
    if (c === undefined || past(c)) {
      high = mid
      atHigh = c
    } else {
      low = mid + 1n
      beforeLow = c
    }
  }
  return { first: atHigh, beforeFirst: beforeLow }
}

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
  return (await boundaryOf(anchor, count, past)).first
}

/** The oldest commitment whose L2 block is at or after `l2BlockNumber` (the first that covers it). */
export function coveringCommitment(anchor: Pick<AnchorReader, 'commitment'>, count: bigint, l2BlockNumber: bigint): Promise<AnchorCommitment | undefined> {
  return firstCommitmentWhere(anchor, count, (c) => c.l2BlockNumber >= l2BlockNumber)
}

/**
 * The newest commitment confirmed at least `depth` momentums before `frontierHeight` (proposedAt +
 * depth ≤ frontier), among those that exist: with a stale `count` (a verdict deleted the tail
 * during the search) it is the newest that was still there.
 */
export async function newestCommitmentConfirmedBy(
  anchor: Pick<AnchorReader, 'commitment'>,
  count: bigint,
  depth: bigint,
  frontierHeight: bigint,
): Promise<AnchorCommitment | undefined> {
  return (await boundaryOf(anchor, count, (c) => c.proposedAt + depth > frontierHeight)).beforeFirst
}
