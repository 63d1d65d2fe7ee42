/** What withdrawal status and proofs read: the L2 node (chain, state, pool), the anchor, and the proposer's cadence. */
import type { NodeBackend } from '../../node/backend.ts'
import type { AnchorReader } from './anchorReader.ts'

export interface WithdrawalContext {
  l2: Pick<NodeBackend, 'chain' | 'stateAt' | 'txpool'>
  anchor: AnchorReader
  /** L2 blocks between two commitments (the proposer's commitInterval, bridge/README.md §3). */
  commitIntervalBlocks: bigint
  /** L2 block time in ms; 0 (automine) means blocks come with traffic and give no ETA. Default 0. */
  blockTimeMs?: number
  /** NoM momentum interval in ms; default: measured from the last 100 momentums' timestamps. */
  momentumIntervalMs?: number
  /**
   * Momentums from the covering L2 block's existence to its commitment being readable on the
   * anchor (frames confirmed and received, proposal confirmed and received). Default 4.
   */
  commitLatencyMomentums?: bigint
}
