/**
 * The header rules a batch block must meet to be executed on the derived head (README.md "Batch
 * blocks"). Pure: the verdict depends only on the block, the head and the canonical momentums.
 */
import type { SealedBlock } from '../backend.ts'
import type { BatchBlock } from '../batch/batchBlock.ts'
import type { DerivationMomentum } from './types.ts'

export type BatchVerdict =
  | { kind: 'apply'; origin: DerivationMomentum }
  /** Already derived (number ≤ head): skipped, the channel goes on. */
  | { kind: 'skip'; reason: string }
  /** Breaks a rule: the block and the rest of its channel are dropped. */
  | { kind: 'invalid'; reason: string }

export interface BatchCheckContext {
  head: SealedBlock
  /** Height of the momentum whose frame made the channel ready. */
  readyAt: bigint
  sequencingWindow: bigint
  /** The canonical momentum at a height, if it is within reach (see README). */
  momentumAt(height: bigint): DerivationMomentum | undefined
}

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}`

export function checkBatchBlock(block: BatchBlock, ctx: BatchCheckContext): BatchVerdict {
  const head = ctx.head.block.header
  const next = head.number + 1n
  if (block.number <= head.number) return { kind: 'skip', reason: `block ${block.number} is already derived (head ${head.number})` }
  if (block.number > next) return { kind: 'invalid', reason: `block ${block.number} does not follow the head ${head.number}` }
  if (block.timestamp <= head.timestamp) {
    return { kind: 'invalid', reason: `timestamp ${block.timestamp} is not after the parent's ${head.timestamp}` }
  }
  const parentOrigin = ctx.head.origin
  if (parentOrigin !== undefined && block.originHeight < parentOrigin.height) {
    return { kind: 'invalid', reason: `origin ${block.originHeight} is behind the parent's origin ${parentOrigin.height}` }
  }
  if (block.originHeight > ctx.readyAt) {
    return { kind: 'invalid', reason: `origin ${block.originHeight} is after the momentum ${ctx.readyAt} that carried the batch` }
  }
  if (block.originHeight + ctx.sequencingWindow <= ctx.readyAt) {
    return { kind: 'invalid', reason: `origin ${block.originHeight} is ${ctx.sequencingWindow} or more momentums before the momentum ${ctx.readyAt} that carried the batch` }
  }
  const origin = ctx.momentumAt(block.originHeight)
  if (origin === undefined) return { kind: 'invalid', reason: `origin ${block.originHeight} is not a momentum derivation knows` }
  if (Buffer.compare(origin.hash, block.originHash) !== 0) {
    return { kind: 'invalid', reason: `origin ${block.originHeight} has hash ${hex(block.originHash)}, the canonical momentum has ${hex(origin.hash)}` }
  }
  if (origin.timestamp > block.timestamp) {
    return { kind: 'invalid', reason: `timestamp ${block.timestamp} is before its origin's ${origin.timestamp}` }
  }
  return { kind: 'apply', origin }
}
