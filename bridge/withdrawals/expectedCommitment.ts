/**
 * When a withdrawal that no commitment covers yet can expect one (rollup-anchors.md §4 pitfall 1:
 * say the real interval and an ETA instead of "not ready"). The proposer commits every block N that
 * is a multiple of `commitIntervalBlocks` (bridge/batcher/createBatcher.ts), so the commitment that
 * will cover an uncovered L2 block B is the one for the first multiple of the interval at or after B.
 * The ETA adds the L2 blocks still to come (block time) and the commitment latency on NoM (momentums).
 */
import type { AnchorReader } from './anchorReader.ts'
import type { WithdrawalContext } from './context.ts'

export interface ExpectedCommitment {
  /** L2 blocks between commitments. */
  interval: bigint
  /** L2 block the next covering commitment is expected for. */
  l2BlockNumber: bigint
  /** L2 block of the newest commitment (undefined: none yet). */
  newestCommittedBlock: bigint | undefined
  /** L2 blocks still to be sealed before that block exists. */
  blocksToGo: bigint
  /** Estimated momentums until the commitment is on the anchor (undefined: depends on L2 traffic). */
  etaMomentums: bigint | undefined
  /** Estimated seconds until then (undefined: depends on L2 traffic). */
  etaSeconds: number | undefined
}

const DEFAULT_COMMIT_LATENCY_MOMENTUMS = 4n
const MEASURE_SPAN = 100n

/** Seconds per momentum: configured, or measured over the last momentums (undefined if too few). */
export async function momentumSeconds(ctx: Pick<WithdrawalContext, 'momentumIntervalMs'>, anchor: Pick<AnchorReader, 'momentum'>, frontier: { height: bigint; timestamp: bigint }): Promise<number | undefined> {
  if (ctx.momentumIntervalMs !== undefined) return ctx.momentumIntervalMs / 1000
  // Momentum 1 is genesis: its timestamp is the network's birth, not a tick of the cadence.
  const span = frontier.height - 2n < MEASURE_SPAN ? frontier.height - 2n : MEASURE_SPAN
  if (span <= 0n) return undefined
  const earlier = await anchor.momentum(frontier.height - span)
  if (earlier === undefined || frontier.timestamp <= earlier.timestamp) return undefined
  return Number(frontier.timestamp - earlier.timestamp) / Number(span)
}

export async function expectedCommitment(
  ctx: WithdrawalContext,
  l2BlockNumber: bigint,
  newestCommittedBlock: bigint | undefined,
  frontier: { height: bigint; timestamp: bigint },
): Promise<ExpectedCommitment> {
  const interval = ctx.commitIntervalBlocks
  const first = ((l2BlockNumber + interval - 1n) / interval) * interval
  const target = first > (newestCommittedBlock ?? 0n) ? first : ((newestCommittedBlock ?? 0n) / interval + 1n) * interval
  const head = ctx.l2.chain.head().block.header.number
  const blocksToGo = target > head ? target - head : 0n
  const perMomentum = await momentumSeconds(ctx, ctx.anchor, frontier)
  const latency = ctx.commitLatencyMomentums ?? DEFAULT_COMMIT_LATENCY_MOMENTUMS
  const blockTimeMs = ctx.blockTimeMs ?? 0
  const l2Seconds = blocksToGo === 0n ? 0 : blockTimeMs > 0 ? (Number(blocksToGo) * blockTimeMs) / 1000 : undefined
  let etaSeconds: number | undefined
  let etaMomentums: bigint | undefined
  if (l2Seconds !== undefined && perMomentum !== undefined) {
    etaSeconds = Math.ceil(l2Seconds + Number(latency) * perMomentum)
    etaMomentums = BigInt(Math.ceil(l2Seconds / perMomentum)) + latency
  } else if (l2Seconds === 0) {
    etaMomentums = latency
  }
  return { interval, l2BlockNumber: target, newestCommittedBlock, blocksToGo, etaMomentums, etaSeconds }
}
