/**
 * The verifier's records in the replica's database (storeKeys.ts): after every momentum it
 * processed, a checkpoint (the derivation state, the derived head, the momentum) with what that
 * momentum added (the momentum, completed channels, a head change, frames read); the last
 * `checkpointDepth` checkpoints are kept, so a NoM reorg up to that deep rewinds to one of them.
 * And the Flag / ResolveFlag calls it sent, with their outcomes.
 *
 * Nothing here writes on its own: `momentumOps` / `rewindOps` return level ops, written by the
 * caller after the blocks of the momentum are stored (so the position is never ahead of the blocks)
 * or in one batch with the chain store's rewind.
 */
import { RLP } from '@ethereumjs/rlp'
import { bigIntToUnpaddedBytes, bytesToBigInt } from '@ethereumjs/util'
import type { Database, WriteOp } from '../../node/db/database.ts'
import type { CompletedChannel, DerivationCheckpoint } from '../../node/derivation/createDerivation.ts'
import { decodeCheckpoint, encodeCheckpoint } from '../../node/derivation/checkpointCodec.ts'
import type { DerivationMomentum } from '../../node/derivation/types.ts'
import { bytesEqual, concatBytes, toHex, u64be } from '../../nom/hash.ts'
import {
  CHECKPOINT,
  COMPLETED_CHANNEL,
  FLAG,
  FRAME_READ,
  HEAD_CHANGE,
  MOMENTUM,
  VOTE,
  chainKey,
  checkpointKey,
  completedChannelKey,
  flagKey,
  frameReadKey,
  headChangeKey,
  keyNumber,
  momentumKey,
  positionKey,
  recordKey,
  voteKey,
  type RecordKind,
} from './storeKeys.ts'

type Bytes = Uint8Array

/** The verifier's records do not belong to this chain, or cannot be read. */
export class VerifierStoreError extends Error {
  override readonly name = 'VerifierStoreError'
}

export interface StoredCheckpoint {
  /** Height of the momentum after which it was taken. */
  height: bigint
  momentumHash: Bytes
  /** The derived head after that momentum. */
  head: { number: bigint; hash: Bytes }
  derivation: DerivationCheckpoint
}

/** What one processed momentum adds. */
export interface MomentumRecord {
  momentum: DerivationMomentum
  head: { number: bigint; hash: Bytes }
  derivation: DerivationCheckpoint
  /** Channels completed in this momentum (numbered from derivation.completedCount − length). */
  completedChannels: CompletedChannel[]
  /** Set when the derived head changed in this momentum. */
  headChanged: boolean
  /** Frames read in this momentum, with their framesHash. */
  frames: { index: bigint; framesHash: Bytes }[]
}

/** Everything a verifier continues from. */
export interface LoadedState {
  checkpoint: StoredCheckpoint
  /** Momentums checkpoint.height − sequencingWindow … checkpoint.height that are stored. */
  momentums: DerivationMomentum[]
  completedChannels: CompletedChannel[]
  /** Heights where the derived head changed, ascending, up to the checkpoint. */
  headChanges: { height: bigint; head: bigint }[]
  /** Every frame read up to the checkpoint: framesHash (hex) → momentum height. */
  framesRead: Map<string, bigint>
}

export type CallState = 'sending' | 'sent' | 'refused'

/** A Flag this verifier sent (`sending`: published or about to be, outcome not known). */
export interface FlagRecord {
  index: bigint
  commitmentSendHash: Bytes
  state: CallState
  sendHash?: Bytes
  error?: string
}

/** A ResolveFlag this verifier sent. */
export interface VoteRecord extends FlagRecord {
  flaggedAt: bigint
  fraud: boolean
}

export interface VerifierStore {
  /** The newest checkpoint and what goes with it; undefined when none is stored. */
  load(sequencingWindow: bigint): Promise<LoadedState | undefined>
  /** Heights of the kept checkpoints, ascending. */
  checkpointHeights(): Promise<bigint[]>
  checkpoint(height: bigint): Promise<StoredCheckpoint | undefined>
  /** Ops recording one processed momentum; prunes checkpoints below the kept depth (and momentums no checkpoint needs). */
  momentumOps(record: MomentumRecord, sequencingWindow: bigint): WriteOp[]
  /** Ops going back to checkpoint `to` (undefined: to before the first momentum, all derivation records dropped). */
  rewindOps(to: StoredCheckpoint | undefined): Promise<WriteOp[]>
  flags(): Promise<FlagRecord[]>
  putFlag(record: FlagRecord): Promise<void>
  votes(): Promise<VoteRecord[]>
  putVote(record: VoteRecord): Promise<void>
}

export interface VerifierStoreOptions {
  /** Checkpoints kept (how deep a NoM reorg can be followed). */
  checkpointDepth: bigint
}

const uint = (x: bigint): Bytes => bigIntToUnpaddedBytes(x)
const text = new TextEncoder()
const untext = new TextDecoder()
const u64 = (b: Bytes, at: number): bigint => new DataView(b.buffer, b.byteOffset + at, 8).getBigUint64(0)
const MAX_U64 = (1n << 64n) - 1n

function encodeStoredCheckpoint(c: Omit<StoredCheckpoint, 'height'>): Bytes {
  return RLP.encode([c.momentumHash, uint(c.head.number), c.head.hash, encodeCheckpoint(c.derivation)])
}

function decodeStoredCheckpoint(height: bigint, value: Bytes): StoredCheckpoint {
  const fields = RLP.decode(value) as unknown
  if (!Array.isArray(fields) || fields.length !== 4 || !fields.every((f) => f instanceof Uint8Array)) throw new VerifierStoreError(`checkpoint ${height} is not rlp([momentumHash, headNumber, headHash, checkpoint])`)
  const [momentumHash, headNumber, headHash, derivation] = fields as Bytes[] as [Bytes, Bytes, Bytes, Bytes]
  const decoded = decodeCheckpoint(derivation)
  if (decoded.position !== height) throw new VerifierStoreError(`checkpoint stored at ${height} is for momentum ${decoded.position}`)
  return { height, momentumHash, head: { number: bytesToBigInt(headNumber), hash: headHash }, derivation: decoded }
}

function encodeCall(r: FlagRecord): Bytes[] {
  return [text.encode(r.state), r.sendHash ?? new Uint8Array(), text.encode(r.error ?? '')]
}

function decodeCall(fields: Bytes[]): Pick<FlagRecord, 'state' | 'sendHash' | 'error'> {
  const [state, sendHash, error] = fields as [Bytes, Bytes, Bytes]
  const s = untext.decode(state)
  if (s !== 'sending' && s !== 'sent' && s !== 'refused') throw new VerifierStoreError(`call record state ${JSON.stringify(s)}`)
  return { state: s, ...(sendHash.length === 0 ? {} : { sendHash }), ...(error.length === 0 ? {} : { error: untext.decode(error) }) }
}

/** Opens the verifier's records in `db` for `chainId` (written on first use, checked after). */
export async function openVerifierStore(db: Database, chainId: bigint, options: VerifierStoreOptions): Promise<VerifierStore> {
  if (options.checkpointDepth < 1n) throw new RangeError('checkpointDepth must be at least 1')
  const stored = await db.get('meta', chainKey())
  if (stored === undefined) await db.write([{ type: 'put', sublevel: 'meta', key: chainKey(), value: u64be(chainId) }])
  else if (!bytesEqual(stored, u64be(chainId))) throw new VerifierStoreError(`the data dir's verifier records are for chain ${u64(stored, 0)}, not ${chainId}`)

  async function* range(kind: RecordKind, from = 0n, to = MAX_U64): AsyncIterable<[Bytes, Bytes]> {
    yield* db.iterate('meta', { gte: recordKey(kind, u64be(from)), lte: recordKey(kind, u64be(to), new Uint8Array(64).fill(0xff)) })
  }
  const depth = options.checkpointDepth

  const store: VerifierStore = {
    async load(sequencingWindow) {
      const position = await db.get('meta', positionKey())
      if (position === undefined) return undefined
      const height = u64(position, 0)
      const checkpoint = await store.checkpoint(height)
      if (checkpoint === undefined) throw new VerifierStoreError(`the position is momentum ${height}, but no checkpoint is stored for it`)
      const momentums: DerivationMomentum[] = []
      for await (const [key, value] of range(MOMENTUM, height > sequencingWindow ? height - sequencingWindow : 0n, height)) {
        momentums.push({ height: keyNumber(key), hash: value.slice(0, 32), timestamp: u64(value, 32) })
      }
      const completedChannels: CompletedChannel[] = []
      const count = BigInt(checkpoint.derivation.completedCount)
      if (count > 0n) {
        for await (const [key, value] of range(COMPLETED_CHANNEL, 0n, count - 1n)) {
          if (keyNumber(key) !== BigInt(completedChannels.length)) throw new VerifierStoreError(`completed channel ${completedChannels.length} is missing`)
          completedChannels.push({ channelId: value.slice(0, 16), completedAt: u64(value, 16) })
        }
      }
      if (BigInt(completedChannels.length) !== count) throw new VerifierStoreError(`checkpoint ${height} counts ${count} completed channels, ${completedChannels.length} are stored`)
      const headChanges: { height: bigint; head: bigint }[] = []
      for await (const [key, value] of range(HEAD_CHANGE, 0n, height)) headChanges.push({ height: keyNumber(key), head: u64(value, 0) })
      const framesRead = new Map<string, bigint>()
      const lastFrame = checkpoint.derivation.lastFrameIndex
      if (lastFrame !== undefined) for await (const [, value] of range(FRAME_READ, 1n, lastFrame)) framesRead.set(toHex(value.slice(0, 32)), u64(value, 32))
      return { checkpoint, momentums, completedChannels, headChanges, framesRead }
    },

    async checkpointHeights() {
      const heights: bigint[] = []
      for await (const [key] of range(CHECKPOINT)) heights.push(keyNumber(key))
      return heights
    },

    async checkpoint(height) {
      const value = await db.get('meta', checkpointKey(height))
      return value === undefined ? undefined : decodeStoredCheckpoint(height, value)
    },

    momentumOps(r, sequencingWindow) {
      const h = r.momentum.height
      const ops: WriteOp[] = [
        { type: 'put', sublevel: 'meta', key: momentumKey(h), value: concatBytes(r.momentum.hash, u64be(r.momentum.timestamp)) },
        { type: 'put', sublevel: 'meta', key: checkpointKey(h), value: encodeStoredCheckpoint({ momentumHash: r.momentum.hash, head: r.head, derivation: r.derivation }) },
      ]
      const firstNew = BigInt(r.derivation.completedCount - r.completedChannels.length)
      r.completedChannels.forEach((c, i) => ops.push({ type: 'put', sublevel: 'meta', key: completedChannelKey(firstNew + BigInt(i)), value: concatBytes(c.channelId, u64be(c.completedAt)) }))
      if (r.headChanged) ops.push({ type: 'put', sublevel: 'meta', key: headChangeKey(h), value: u64be(r.head.number) })
      for (const f of r.frames) ops.push({ type: 'put', sublevel: 'meta', key: frameReadKey(f.index), value: concatBytes(f.framesHash, u64be(h)) })
      if (h > depth) ops.push({ type: 'del', sublevel: 'meta', key: checkpointKey(h - depth) })
      if (h > depth + sequencingWindow) ops.push({ type: 'del', sublevel: 'meta', key: momentumKey(h - depth - sequencingWindow) })
      ops.push({ type: 'put', sublevel: 'meta', key: positionKey(), value: u64be(h) })
      return ops
    },

    async rewindOps(to) {
      const ops: WriteOp[] = []
      const dropFrom = async (kind: RecordKind, from: bigint) => {
        for await (const [key] of range(kind, from)) ops.push({ type: 'del', sublevel: 'meta', key })
      }
      const above = to === undefined ? 0n : to.height + 1n
      await dropFrom(CHECKPOINT, above)
      await dropFrom(MOMENTUM, above)
      await dropFrom(HEAD_CHANGE, above)
      await dropFrom(COMPLETED_CHANNEL, to === undefined ? 0n : BigInt(to.derivation.completedCount))
      await dropFrom(FRAME_READ, (to?.derivation.lastFrameIndex ?? 0n) + 1n)
      ops.push(to === undefined ? { type: 'del', sublevel: 'meta', key: positionKey() } : { type: 'put', sublevel: 'meta', key: positionKey(), value: u64be(to.height) })
      return ops
    },

    async flags() {
      const out: FlagRecord[] = []
      for await (const [key, value] of range(FLAG)) {
        out.push({ index: keyNumber(key), commitmentSendHash: key.slice(key.length - 32), ...decodeCall(RLP.decode(value) as Bytes[]) })
      }
      return out
    },
    async putFlag(r) {
      await db.write([{ type: 'put', sublevel: 'meta', key: flagKey(r.index, r.commitmentSendHash), value: RLP.encode(encodeCall(r)) }])
    },
    async votes() {
      const out: VoteRecord[] = []
      for await (const [key, value] of range(VOTE)) {
        const [fraud, ...call] = RLP.decode(value) as Bytes[]
        out.push({ index: keyNumber(key), commitmentSendHash: key.slice(key.length - 40, key.length - 8), flaggedAt: u64(key, key.length - 8), fraud: (fraud as Bytes).length === 1, ...decodeCall(call) })
      }
      return out
    },
    async putVote(r) {
      await db.write([{ type: 'put', sublevel: 'meta', key: voteKey(r.index, r.commitmentSendHash, r.flaggedAt), value: RLP.encode([r.fraud ? Uint8Array.of(1) : new Uint8Array(), ...encodeCall(r)]) }])
    },
  }
  return store
}

