/**
 * Key layout of the verifier's records. They live in the replica's own level database (the node
 * data dir, node/db/keys.ts), sublevel `meta`, under the ASCII prefix `verifier/`, so a block write
 * and a verifier write can never collide and a rewind can drop both in one atomic batch.
 * Keys are `verifier/ ‖ kind(1) ‖ fields`, fixed width, so a range scan is in height / index order.
 *
 * | kind | key fields | value |
 * |---|---|---|
 * | 0 chain | — | u64be(chainId) the records belong to |
 * | 1 position | — | u64be(height): the newest checkpoint (the last momentum fully processed) |
 * | 2 checkpoint | u64be(height) | rlp([momentumHash, headNumber, headHash, derivation checkpoint (node/derivation/checkpointCodec.ts)]) — the last `checkpointDepth` momentums |
 * | 3 momentum | u64be(height) | hash(32) ‖ u64be(timestamp): momentums read, back to the oldest checkpoint − sequencingWindow |
 * | 4 completedChannel | u64be(n) | channelId(16) ‖ u64be(completedAt): the n-th channel that completed (from 0) |
 * | 5 headChange | u64be(height) | u64be(head): the derived head after momentum `height`, where it changed |
 * | 6 frameRead | u64be(frameIndex) | framesHash(32) ‖ u64be(height): every anchor frame read and the momentum that brought it |
 * | 7 flag | u64be(index) ‖ commitment sendHash(32) | rlp([state, Flag send hash, error]) (verifierStore.ts) |
 * | 8 vote | u64be(index) ‖ commitment sendHash(32) ‖ u64be(flaggedAt) | rlp([fraud, state, ResolveFlag send hash, error]) |
 */
import { concatBytes, u64be } from '../../nom/hash.ts'

export const VERIFIER_PREFIX = new TextEncoder().encode('verifier/')

export const CHAIN = 0
export const POSITION = 1
export const CHECKPOINT = 2
export const MOMENTUM = 3
export const COMPLETED_CHANNEL = 4
export const HEAD_CHANGE = 5
export const FRAME_READ = 6
export const FLAG = 7
export const VOTE = 8

export type RecordKind = typeof CHAIN | typeof POSITION | typeof CHECKPOINT | typeof MOMENTUM | typeof COMPLETED_CHANNEL | typeof HEAD_CHANGE | typeof FRAME_READ | typeof FLAG | typeof VOTE

/** `verifier/ ‖ kind ‖ fields…`. */
export function recordKey(kind: RecordKind, ...fields: Uint8Array[]): Uint8Array {
  return concatBytes(VERIFIER_PREFIX, Uint8Array.of(kind), ...fields)
}

export const chainKey = (): Uint8Array => recordKey(CHAIN)
export const positionKey = (): Uint8Array => recordKey(POSITION)
export const checkpointKey = (height: bigint): Uint8Array => recordKey(CHECKPOINT, u64be(height))
export const momentumKey = (height: bigint): Uint8Array => recordKey(MOMENTUM, u64be(height))
export const completedChannelKey = (n: bigint): Uint8Array => recordKey(COMPLETED_CHANNEL, u64be(n))
export const headChangeKey = (height: bigint): Uint8Array => recordKey(HEAD_CHANGE, u64be(height))
export const frameReadKey = (frameIndex: bigint): Uint8Array => recordKey(FRAME_READ, u64be(frameIndex))
export const flagKey = (index: bigint, commitmentSendHash: Uint8Array): Uint8Array => recordKey(FLAG, u64be(index), commitmentSendHash)
export const voteKey = (index: bigint, commitmentSendHash: Uint8Array, flaggedAt: bigint): Uint8Array => recordKey(VOTE, u64be(index), commitmentSendHash, u64be(flaggedAt))

/** The u64 field at `offset` bytes after `verifier/ ‖ kind`. */
export function keyNumber(key: Uint8Array, offset = 0): bigint {
  const at = VERIFIER_PREFIX.length + 1 + offset
  return new DataView(key.buffer, key.byteOffset + at, 8).getBigUint64(0)
}
