/**
 * Where the sequencer gets deposits from (the bridge's deposit watcher implements it). The sequencer
 * asks once per block, telling the source what the chain already holds, so a source needs no memory
 * of what it handed out: after a crash or restart it is asked again from the stored head, and a
 * deposit is neither dropped nor included twice.
 */
import type { BlockHeader } from '@ethereumjs/block'
import type { DepositTx } from './depositTx.ts'

/** A confirmed NoM momentum. */
export interface OriginMomentum {
  height: bigint
  /** 32 bytes. */
  hash: Uint8Array
  /** Unix seconds. */
  timestamp: bigint
}

export interface DepositRequest {
  /** Head the next block builds on. */
  parent: BlockHeader
  /** Timestamp of the block being built. */
  timestamp: bigint
  /** The parent's origin (undefined for genesis or blocks sealed without a source). */
  parentOrigin: OriginMomentum | undefined
  /** sourceHash of the newest user deposit the chain holds (undefined: none yet). Send what follows it. */
  lastDepositSourceHash: Uint8Array | undefined
}

export interface DepositBatch {
  /** Origin of the next block: the parent's origin or a later confirmed momentum. */
  origin: OriginMomentum
  /**
   * User deposits following `lastDepositSourceHash`, in deposit order, all from momentums at or
   * before `origin`. The sequencer may include only a prefix (block gas); it asks again for the rest.
   */
  deposits: DepositTx[]
}

export interface DepositSource {
  /**
   * undefined = no newer origin known: the block keeps the parent's origin and takes no deposits.
   * When the parent has no origin either (genesis), no block can be sealed: the sequencer waits
   * (OriginUnavailableError) until the source answers with an origin.
   */
  next(request: DepositRequest): Promise<DepositBatch | undefined>
  /**
   * Optional: calls `listener` when a new origin or deposit is available. Used in automine
   * (blockTimeMs 0), where blocks are otherwise sealed only for pool txs. Returns an unsubscribe.
   */
  onAvailable?(listener: () => void): () => void
}

/** What the sequencer needs to run with deposits. */
export interface SequencerDeposits {
  source: DepositSource
  /**
   * Calldata of the system deposit that writes a block's origin into NoMInfo (0x4200…0015);
   * default: NoMInfo's `setOrigin(height, hash, timestamp, sequenceNumber)` (contracts/l2/systemCalldata.ts encodeSetOrigin).
   */
  originCalldata?(origin: OriginMomentum & { sequenceNumber: bigint }): Uint8Array
}

/** A source answer the sequencer cannot use (origin going backwards, a reorged origin…). */
export class DepositSourceError extends Error {
  override readonly name = 'DepositSourceError'
}

/**
 * No origin momentum for the next block: the deposit source knows none yet and the parent has none.
 * Such a block could be neither batched nor derived (every batch block names its origin), so the
 * sequencer seals nothing until the source answers with an origin.
 */
export class OriginUnavailableError extends Error {
  override readonly name = 'OriginUnavailableError'
}
