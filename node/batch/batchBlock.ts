/**
 * A batch block: one sealed L2 block without its deposits, as the batcher posts it
 * (bridge/README.md §2): `[number, timestamp, originHeight, originHash, [tx₀, tx₁, …]]`.
 * The deposits are not carried: NoM already has them and the verifier re-derives them.
 */
import type { SealedBlock } from '../backend.ts'
import { BatchEncodeError } from './errors.ts'

export interface BatchBlock {
  number: bigint
  timestamp: bigint
  /** The block's origin momentum on NoM. */
  originHeight: bigint
  /** 32 bytes. */
  originHash: Uint8Array
  /** EIP-2718 bytes of the block's non-deposit transactions, in block order (legacy: the RLP list). */
  txs: Uint8Array[]
}

/** The batch block of a sealed block. Throws BatchEncodeError when the block has no origin. */
export function batchBlockOf(sealed: SealedBlock): BatchBlock {
  const header = sealed.block.header
  if (sealed.origin === undefined) {
    throw new BatchEncodeError(`block ${header.number} has no origin momentum: it cannot be batched`)
  }
  return {
    number: header.number,
    timestamp: header.timestamp,
    originHeight: sealed.origin.height,
    originHash: sealed.origin.hash,
    txs: sealed.block.transactions.map((tx) => tx.serialize()),
  }
}
