/**
 * Is a commitment right? (node/derivation/README.md §4.) Judged once derivation has read the
 * momentum that confirmed it (`proposedAt`): correct iff block N was derived at a momentum
 * ≤ proposedAt and its output root is the committed one. Pure over what the verifier recorded.
 */
import type { VerifierCommitment } from './anchorReads.ts'

export type CommitmentVerdict =
  | { kind: 'pending' }
  | { kind: 'correct'; outputRoot: Uint8Array }
  /** `expected` is undefined when the block was not derivable by then. */
  | { kind: 'wrong'; expected: Uint8Array | undefined; reason: string }

export interface JudgeContext {
  /** Height of the last momentum derivation has read. */
  position: bigint | undefined
  /** Derived head number right after reading momentum `height`. */
  headAt(height: bigint): bigint
  outputRootAt(number: bigint): Promise<Uint8Array | undefined>
}

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}`

export async function judgeCommitment(c: VerifierCommitment, ctx: JudgeContext): Promise<CommitmentVerdict> {
  if (ctx.position === undefined || ctx.position < c.proposedAt) return { kind: 'pending' }
  const head = ctx.headAt(c.proposedAt)
  if (c.l2BlockNumber > head) {
    return { kind: 'wrong', expected: undefined, reason: `block ${c.l2BlockNumber} is not derivable from NoM data up to momentum ${c.proposedAt} (derived head there: ${head})` }
  }
  const root = await ctx.outputRootAt(c.l2BlockNumber)
  if (root === undefined) throw new Error(`output root of derived block ${c.l2BlockNumber} is not stored`)
  if (Buffer.compare(root, c.outputRoot) === 0) return { kind: 'correct', outputRoot: root }
  return { kind: 'wrong', expected: root, reason: `output root of block ${c.l2BlockNumber} is ${hex(root)}, the commitment has ${hex(c.outputRoot)}` }
}
