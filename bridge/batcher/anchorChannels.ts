/**
 * What the anchor holds of our batch, seen the way a verifier sees it (bridge/README.md §2,
 * node/derivation/README.md §1–2): frame records in anchor index order, only the chain's batchers'
 * frames, undecodable frames ignored, the shared ChannelAssembler, the channel timeout (a channel
 * not complete `sequencingWindow` momentums after its first frame is dropped), ready channels
 * decoded and applied in ready order (blocks at or below the head skipped, a gap ends the channel).
 *
 * The batcher reads this on start (resume after a crash: nothing is remembered locally) and after
 * every post, so `derivedHead` is always "every block up to here is on the anchor, in order", and
 * `segmentOf(n)` gives the ready channel that delivered block n (its completing frame index and
 * data hash make the commitment's framesHash).
 */
import { bytesToHex } from '@ethereumjs/util'
import type { Address, Hash } from '../../nom/types.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { bytesEqual, toHex } from '../../nom/hash.ts'
import { SubmitFrameABI } from '../../contracts/anchor/abi.ts'
import type { LogEvent } from '../../node/log.ts'
import { ChannelAssembler, type ReadyChannel } from '../../node/batch/channelAssembler.ts'
import { channelIdOf, decodeChannel } from '../../node/batch/channel.ts'
import { decodeFrame, type Frame } from '../../node/batch/frame.ts'
import { readFramesFrom, type AnchorFrame } from './anchorReads.ts'
import { BatcherConflictError } from './errors.ts'

/** Blocks one ready channel added to the derived chain. */
export interface DeliveredSegment {
  first: bigint
  last: bigint
  channelId: Uint8Array
  /** Anchor frame index of the frame that made the channel ready. */
  readyAt: bigint
  /** The anchor's SHA3-256 of that frame's bytes. */
  dataHash: Hash
}

/** An incomplete channel of ours, with the frames the anchor holds of it. */
export interface OpenChannel {
  channelId: Uint8Array
  /** Momentum of its first frame: it times out at firstMomentum + sequencingWindow. */
  firstMomentum: bigint
  frames: Frame[]
}

export interface AnchorChannelsOptions {
  client: NoMClient
  chainId: bigint
  /** The chain's batchers (L2 genesis nom.batchers): only their frames count. */
  batchers: Address[]
  sequencingWindow: bigint
  /** Hash of the node's L2 block `n`, undefined when the node does not have it. */
  blockHashOf(n: bigint): Promise<Uint8Array | undefined>
  log: (event: LogEvent) => void
  /** Frame sends whose block data is fetched at once (default 16). */
  fetchConcurrency?: number
  /**
   * Start after a committed block instead of frame 1: blocks ≤ `block` are delivered by frames
   * ≤ `frameIndex` (the last commitment and its framesHash frame). Our batcher posts a channel
   * only after the previous one is ready, so no channel of later blocks has a frame before it.
   */
  startAfter?: { block: bigint; frameIndex: bigint }
}

export interface AnchorChannels {
  /** Reads frame records added since the last sync and applies them. */
  sync(): Promise<void>
  /** Every block ≤ this is delivered by ready channels, in order (0: none). */
  derivedHead(): bigint
  /** The segment that delivered block n (n ≤ derivedHead). */
  segmentOf(n: bigint): DeliveredSegment | undefined
  /** Incomplete channels of ours that have not timed out by `momentum`. */
  openChannels(momentum: bigint): OpenChannel[]
  /** True when a channel with this id completed (whatever it delivered). */
  isCompleted(channelId: Uint8Array): boolean
  /** Frame bytes of a send we published, so sync need not fetch them back. */
  remember(sendHash: Hash, frameBytes: Uint8Array): void
  /** Index of the next frame record sync will read. */
  nextFrameIndex(): bigint
  /** Forgets delivered segments ending at or below `block` (already committed). */
  prune(block: bigint): void
  /** Blocks ≤ this have no segment here any more: the start point, or the highest prune. */
  prunedThrough(): bigint
}

export function createAnchorChannels(options: AnchorChannelsOptions): AnchorChannels {
  const { client, chainId, log, sequencingWindow } = options
  const concurrency = options.fetchConcurrency ?? 16
  const batchers = new Set(options.batchers.map((a) => toHex(a)))
  const remembered = new Map<string, Uint8Array>()
  let assembler = new ChannelAssembler()
  let firstMomentum = new Map<string, bigint>()
  let segments: DeliveredSegment[] = []
  let head = 0n
  let pruned = options.startAfter?.block ?? 0n
  let next = 1n
  let syncing: Promise<void> | undefined
  /** Back to the starting point: a sync that failed half-way through a page is read again from there. */
  const reset = () => {
    assembler = new ChannelAssembler()
    firstMomentum = new Map()
    segments = []
    head = options.startAfter?.block ?? 0n
    next = (options.startAfter?.frameIndex ?? 0n) + 1n
  }
  reset()

  const frameBytesOf = async (record: AnchorFrame): Promise<Uint8Array | undefined> => {
    const key = toHex(record.sendHash)
    const known = remembered.get(key)
    if (known !== undefined) {
      remembered.delete(key)
      return known
    }
    const send = await client.getAccountBlockByHash(record.sendHash)
    if (send === null) throw new Error(`frame ${record.index}: send ${key} not found on NoM`)
    try {
      return SubmitFrameABI.decode(send.data).data
    } catch {
      return undefined
    }
  }

  const expire = (momentum: bigint) => {
    for (const [key, first] of firstMomentum) {
      if (first + sequencingWindow <= momentum) {
        assembler.drop(Uint8Array.from(Buffer.from(key.slice(2), 'hex')))
        firstMomentum.delete(key)
        log({ level: 'warn', module: 'batcher', msg: 'channel timed out on the anchor', channelId: key, firstMomentum: first.toString() })
      }
    }
  }

  const apply = async (ready: ReadyChannel, record: AnchorFrame) => {
    const id = bytesToHex(ready.channelId)
    let blocks
    try {
      blocks = decodeChannel(ready.bytes)
    } catch (error) {
      log({ level: 'warn', module: 'batcher', msg: 'invalid channel on the anchor ignored', channelId: id, error: (error as Error).message })
      return
    }
    const first = blocks[0]!.number
    const last = blocks[blocks.length - 1]!.number
    const hash = await options.blockHashOf(last)
    if (hash === undefined || !bytesEqual(channelIdOf(blocks, hash), ready.channelId)) {
      throw new BatcherConflictError(
        `the anchor holds channel ${id} (blocks ${first}–${last}, ready at frame ${record.index}) that was not cut from this node's chain` +
          (hash === undefined ? ` (the node has no block ${last})` : ''),
      )
    }
    let delivered: bigint | undefined
    for (const block of blocks) {
      if (block.number <= head) continue
      if (block.number !== head + 1n) {
        log({ level: 'warn', module: 'batcher', msg: 'channel skips blocks; rest of it ignored', channelId: id, expected: (head + 1n).toString(), got: block.number.toString() })
        break
      }
      head = block.number
      delivered ??= block.number
    }
    if (delivered !== undefined) segments.push({ first: delivered, last: head, channelId: ready.channelId, readyAt: record.index, dataHash: record.dataHash })
  }

  const syncOnce = async () => {
    for (;;) {
      const records = await readFramesFrom(client, chainId, next)
      if (records.length === 0) return
      const ours = records.filter((r) => batchers.has(toHex(r.submitter)))
      const bytes = new Map<bigint, Uint8Array | undefined>()
      for (let i = 0; i < ours.length; i += concurrency) {
        const chunk = ours.slice(i, i + concurrency)
        const fetched = await Promise.all(chunk.map(frameBytesOf))
        chunk.forEach((r, j) => bytes.set(r.index, fetched[j]))
      }
      try {
        await applyRecords(records, bytes)
      } catch (error) {
        if (!(error instanceof BatcherConflictError)) reset()
        throw error
      }
    }
  }

  const applyRecords = async (records: AnchorFrame[], bytes: Map<bigint, Uint8Array | undefined>) => {
    for (const record of records) {
      expire(record.momentumHeight)
      next = record.index + 1n
      if (!bytes.has(record.index)) continue
      const data = bytes.get(record.index)
      if (data === undefined) continue
      let frame: Frame
      try {
        frame = decodeFrame(data)
      } catch {
        continue
      }
      const key = bytesToHex(frame.channelId)
      if (!assembler.isCompleted(frame.channelId) && !firstMomentum.has(key)) firstMomentum.set(key, record.momentumHeight)
      const ready = assembler.add(frame, record.index)
      if (ready === undefined) continue
      firstMomentum.delete(key)
      await apply(ready, record)
    }
  }

  return {
    sync() {
      syncing ??= syncOnce().finally(() => {
        syncing = undefined
      })
      return syncing
    },
    derivedHead: () => head,
    segmentOf(n) {
      for (let i = segments.length - 1; i >= 0; i--) {
        const s = segments[i]!
        if (s.first <= n && n <= s.last) return s
      }
      return undefined
    },
    openChannels(momentum) {
      const out: OpenChannel[] = []
      for (const [key, first] of firstMomentum) {
        if (first + sequencingWindow <= momentum) continue
        const channelId = Uint8Array.from(Buffer.from(key.slice(2), 'hex'))
        out.push({ channelId, firstMomentum: first, frames: assembler.held(channelId) ?? [] })
      }
      return out
    },
    isCompleted: (channelId) => assembler.isCompleted(channelId),
    remember(sendHash, frameBytes) {
      remembered.set(toHex(sendHash), frameBytes)
    },
    nextFrameIndex: () => next,
    prune(block) {
      while (segments.length > 0 && segments[0]!.last <= block) segments.shift()
      if (block > pruned) pruned = block
    },
    prunedThrough: () => pruned,
  }
}
