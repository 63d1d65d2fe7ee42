/**
 * When the batcher cuts the next channel, and where it ends (bridge/README.md §2, "When a channel
 * is cut"). The channel starts at `start`, the first block the anchor does not deliver yet, and is
 * held open (nothing posted) until one of these holds:
 *
 * - `commitment`: the range reaches the next commitment block. The proposer needs that block
 *   delivered, so a commitment never waits longer than it did without holding.
 * - `blocks`: the range reaches `maxChannelBlocks` blocks.
 * - `bytes`: the blocks' transaction bytes reach `maxChannelBytes`, or the next block (already
 *   sealed) would overflow it; a channel has at least one block, however big.
 * - `window`: half the sequencing window (in momentums) has passed since the oldest momentum the
 *   held blocks depend on: the first block's origin, or the momentum of an older user deposit a
 *   held block includes (a deposit the sequencer carried over, blocks being full):
 *   `frontier − oldestMomentum ≥ ⌊W/2⌋`. Verifiers drop a block whose batch lands `W` momentums
 *   after its origin, and force a deposit `W` momentums after its own momentum
 *   (node/derivation/README.md §2–3), so this bounds the hold in the chain's own unit whatever
 *   the clock, momentum interval or age setting: the other half of the window is left for posting.
 * - `age`: the oldest held block is `maxChannelAgeMs` old, counted from the earlier of its L2
 *   timestamp and the moment this batcher first read it (a restarted batcher sees old blocks as
 *   old by their timestamps; a chain whose timestamps run ahead of the clock, as the sequencer's
 *   `parent + 1` rule allows, is still cut on time by the batcher's own reading).
 * - `drain`: a drain asked for every block up to `drainTo` (≥ start) to be posted now.
 *
 * `commitment`, `blocks` and `bytes` mean the channel is full: it ends there even if more blocks
 * exist. The other three cut everything sealed so far (within the full limits).
 */

/**
 * 12 s: longer than the dev stack's commitment interval (10 blocks of 1 s), so there the
 * commitment block cuts every channel and the age only bounds rarer commitments or blocks; well
 * inside the dev sequencing window (60 momentums of 500 ms = 30 s, `window` cuts at 15 s).
 */
export const DEFAULT_MAX_CHANNEL_AGE_MS = 12_000

/** Default `maxChannelBytes`: transaction bytes per channel before compression. */
export const DEFAULT_MAX_CHANNEL_BYTES = 1024 * 1024

export type ChannelCutReason = 'commitment' | 'blocks' | 'bytes' | 'window' | 'age' | 'drain'

export interface ChannelCut {
  /** Last block of the channel (≥ start). */
  end: bigint
  reason: ChannelCutReason
  /** The oldest momentum the channel's blocks depend on (the window rule's measure). */
  oldestMomentum: bigint
  /** Momentum of the oldest user deposit the channel's blocks include (undefined: none). */
  oldestDepositMomentum: bigint | undefined
}

/** What the cut rules read of one held block. */
export interface HeldBlock {
  /** Transaction bytes as its batch block carries them. */
  txBytes: number
  /** Momentum of the oldest user deposit it includes (undefined: none). */
  depositMomentum: bigint | undefined
}

export interface ChannelCutInput {
  /** First block the anchor does not deliver yet. */
  start: bigint
  /** The node's head. */
  head: bigint
  /** The next block a commitment is due for (the first multiple of commitIntervalBlocks ≥ start). */
  commitmentBlock: bigint
  maxChannelBlocks: number
  maxChannelBytes: number
  /** Block n (start ≤ n ≤ head). */
  heldBlock(n: bigint): Promise<HeldBlock>
  /** Block `start`: its L2 timestamp (seconds), when this batcher first read it (ms), its origin momentum height. */
  oldest: { timestamp: bigint; seenMs: number; originHeight: bigint }
  /** Height of the NoM frontier momentum. */
  frontier: bigint
  /** The chain's sequencingWindow (momentums). */
  sequencingWindow: bigint
  /** Clock, ms since the epoch. */
  nowMs: number
  maxChannelAgeMs: number
  /** Blocks up to here must be posted now (0: no drain asked). */
  drainTo: bigint
}

/** The channel to cut now, or undefined to hold the blocks (or when there is no block to post). */
export async function channelCut(input: ChannelCutInput): Promise<ChannelCut | undefined> {
  const { start, head } = input
  if (head < start) return undefined
  let fullEnd = start + BigInt(input.maxChannelBlocks) - 1n
  if (input.commitmentBlock < fullEnd) fullEnd = input.commitmentBlock
  const limit = head < fullEnd ? head : fullEnd

  let end = start - 1n
  let bytes = 0
  let bytesFull = false
  let oldestDepositMomentum: bigint | undefined
  for (let n = start; n <= limit; n++) {
    const block = await input.heldBlock(n)
    if (n > start && bytes + block.txBytes > input.maxChannelBytes) {
      bytesFull = true
      break
    }
    bytes += block.txBytes
    end = n
    if (block.depositMomentum !== undefined && (oldestDepositMomentum === undefined || block.depositMomentum < oldestDepositMomentum)) oldestDepositMomentum = block.depositMomentum
    if (bytes >= input.maxChannelBytes) {
      bytesFull = true
      break
    }
  }
  let oldestMomentum = input.oldest.originHeight
  if (oldestDepositMomentum !== undefined && oldestDepositMomentum < oldestMomentum) oldestMomentum = oldestDepositMomentum
  const cut = (reason: ChannelCutReason): ChannelCut => ({ end, reason, oldestMomentum, oldestDepositMomentum })
  if (bytesFull) return cut('bytes')
  if (end === fullEnd) return cut(fullEnd === input.commitmentBlock ? 'commitment' : 'blocks')
  if (input.drainTo >= start) return cut('drain')
  if (input.frontier - oldestMomentum >= input.sequencingWindow / 2n) return cut('window')
  const bornMs = Math.min(Number(input.oldest.timestamp) * 1000, input.oldest.seenMs)
  if (input.nowMs - bornMs >= input.maxChannelAgeMs) return cut('age')
  return undefined
}
