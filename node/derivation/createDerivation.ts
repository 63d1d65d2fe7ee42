/**
 * Derivation: rebuilds the L2 chain from NoM data alone, one momentum at a time (README.md is the
 * rule book; this file implements exactly it). Feed it every momentum from the reader's start
 * height in order; it drives a DerivationTarget (the replay engine) and reports what it did.
 *
 * State kept between momentums: the canonical momentums still usable as origins, the chain's
 * deposits not yet included, the channels being assembled and the ids of the channels that
 * completed. `checkpoint()` hands it out after a momentum (DerivationCheckpoint, with
 * `completedChannels(from)` for the completed ids, which only grow) and `resume` starts a derivation
 * from it: fed the momentums after the checkpoint it derives exactly what one that never stopped
 * derives (README.md "Restart").
 */
import { bytesToHex } from '@ethereumjs/util'
import { ChannelAssembler } from '../batch/channelAssembler.ts'
import { decodeChannel } from '../batch/channel.ts'
import { decodeFrame } from '../batch/frame.ts'
import type { BatchBlock } from '../batch/batchBlock.ts'
import type { Frame } from '../batch/frame.ts'
import { checkBatchBlock } from './checkBatchBlock.ts'
import type { DerivationDeposit, DerivationEvent, DerivationMomentum, DerivationTarget, MomentumInput, ReplayBlockInput } from './types.ts'

/** Blocks of a channel whose tx checks are started ahead of the one executing (DerivationTarget.prefetch). */
const PREFETCH_BLOCKS = 2

/** A channel being assembled: the frames held (first copies, what the assembler keeps). */
export interface DerivationChannel {
  channelId: Uint8Array
  /** Height of the momentum where its first frame was read (its timeout counts from there). */
  firstSeenAt: bigint
  /** Anchor frame index of its first frame (timeouts in one momentum go in this order). */
  firstFrameIndex: bigint
  /** Held frames by frame number. */
  frames: Frame[]
}

/** A channel that completed (its frames are ignored from then on). */
export interface CompletedChannel {
  channelId: Uint8Array
  /** Height of the momentum whose frame completed it. */
  completedAt: bigint
}

/** Derivation's state right after a momentum, except the momentums and the completed channels. */
export interface DerivationCheckpoint {
  /** Height of the last momentum read. */
  position: bigint
  /** Deposits read, not yet in the derived chain, in index order. */
  deposits: DerivationDeposit[]
  /** Index the next deposit read must have; undefined before the first. */
  nextDepositIndex: bigint | undefined
  /** Anchor frame index of the last frame read; undefined before the first. */
  lastFrameIndex: bigint | undefined
  /** Channels being assembled, by first frame index. */
  channels: DerivationChannel[]
  /** How many channels had completed (`completedChannels(0).length`). */
  completedCount: number
}

/** What a derivation resumes from: a checkpoint and what it leaves out. */
export interface DerivationResume {
  checkpoint: DerivationCheckpoint
  /** The canonical momentums of heights position − sequencingWindow … position (fewer near the start). */
  momentums: DerivationMomentum[]
  /** Every channel completed by the checkpoint's position, in completion order. */
  completedChannels: CompletedChannel[]
}

export interface DerivationOptions {
  /** Continue from a checkpoint instead of the start. */
  resume?: DerivationResume
  target: DerivationTarget
  /** The anchor chain's sequencingWindow (momentums); also the channel timeout. */
  sequencingWindow: bigint
  /** NoM addresses (`z1…`) whose frames count: the L2 genesis `nom.batchers`. */
  batchers: readonly string[]
}

export interface Derivation {
  /** Reads the next momentum (heights must follow each other); resolves with what was derived. */
  processMomentum(input: MomentumInput): Promise<DerivationEvent[]>
  /** Height of the last momentum read, or undefined before the first. */
  position(): bigint | undefined
  /** Deposits read but not yet in the derived chain. */
  pendingDeposits(): number
  /** Anchor frame index of the last frame read (any submitter), or undefined before the first. */
  lastFrameIndex(): bigint | undefined
  /** The state after the last momentum read (undefined before the first). Copies: safe to keep. */
  checkpoint(): DerivationCheckpoint | undefined
  /** Channels completed so far from the `from`-th on, in completion order. */
  completedChannels(from: number): CompletedChannel[]
}

/** Thrown when the inputs break what the reader guarantees (heights out of order, deposit index gaps). */
export class DerivationInputError extends Error {
  override readonly name = 'DerivationInputError'
}

/** Thrown when the target refuses a block that the rules say must apply (a deposit-only block). */
export class DerivationHaltError extends Error {
  override readonly name = 'DerivationHaltError'
}

export function createDerivation(options: DerivationOptions): Derivation {
  const { target, sequencingWindow } = options
  if (sequencingWindow <= 0n) throw new RangeError('sequencingWindow must be positive')
  const batchers = new Set(options.batchers)
  const assembler = new ChannelAssembler()
  /** channel id (hex) → where its first frame was read, for every channel being assembled. */
  const building = new Map<string, { channelId: Uint8Array; firstSeenAt: bigint; firstFrameIndex: bigint }>()
  /** Channels completed, in completion order, and their ids (hex). */
  const completed: CompletedChannel[] = []
  const completedIds = new Set<string>()
  /** Canonical momentums of the last sequencingWindow + 1 heights (the usable origins). */
  const momentums = new Map<bigint, DerivationMomentum>()
  /** Deposits read, not yet included, in index order. */
  let deposits: DerivationDeposit[] = []
  let nextDepositIndex: bigint | undefined
  let position: bigint | undefined
  let lastFrameIndex: bigint | undefined

  if (options.resume !== undefined) {
    const { checkpoint, completedChannels } = options.resume
    position = checkpoint.position
    deposits = checkpoint.deposits.slice()
    nextDepositIndex = checkpoint.nextDepositIndex
    lastFrameIndex = checkpoint.lastFrameIndex
    if (completedChannels.length !== checkpoint.completedCount) {
      throw new DerivationInputError(`checkpoint at momentum ${checkpoint.position} counts ${checkpoint.completedCount} completed channels, ${completedChannels.length} were given`)
    }
    for (const c of completedChannels) {
      completed.push({ channelId: c.channelId.slice(), completedAt: c.completedAt })
      completedIds.add(bytesToHex(c.channelId))
    }
    for (const m of options.resume.momentums) {
      if (m.height <= position && m.height + sequencingWindow >= position) momentums.set(m.height, m)
    }
    // The held frames go back into a fresh assembler (any order gives the same held set); the
    // indices only have to increase and stay below the next real one (≤ lastFrameIndex frames were read).
    let index = 0n
    for (const channel of checkpoint.channels) {
      building.set(bytesToHex(channel.channelId), { channelId: channel.channelId.slice(), firstSeenAt: channel.firstSeenAt, firstFrameIndex: channel.firstFrameIndex })
      for (const frame of channel.frames) {
        index++
        if (assembler.add(frame, index) !== undefined) throw new DerivationInputError(`checkpoint channel ${bytesToHex(channel.channelId)} is complete`)
      }
    }
  }

  /** Drops deposits the head already holds (up to and including its lastDepositSourceHash). */
  function trimIncluded(): void {
    const last = target.head().lastDepositSourceHash
    if (last === undefined) return
    const at = deposits.findIndex((d) => Buffer.compare(d.tx.sourceHash, last) === 0)
    if (at >= 0) deposits = deposits.slice(at + 1)
  }

  function candidates(originHeight: bigint) {
    return deposits.filter((d) => d.momentumHeight <= originHeight).map((d) => d.tx)
  }

  async function applyBatchBlock(block: BatchBlock, origin: DerivationMomentum, at: bigint, events: DerivationEvent[]): Promise<boolean> {
    const input: ReplayBlockInput = { number: block.number, timestamp: block.timestamp, origin, deposits: candidates(origin.height), txs: block.txs }
    const result = await target.applyBlock(input)
    if (result.valid) {
      trimIncluded()
      events.push({ kind: 'blockDerived', number: block.number, source: 'batch', derivedAt: at, txs: block.txs.length, outputRoot: result.outputRoot })
      return true
    }
    const replacement = await target.applyBlock({ ...input, txs: [] })
    if (!replacement.valid) throw new DerivationHaltError(`deposit-only block ${block.number} was refused: ${replacement.reason}`)
    trimIncluded()
    events.push({ kind: 'blockDerived', number: block.number, source: 'depositOnly', derivedAt: at, txs: 0, reason: result.reason, outputRoot: replacement.outputRoot })
    return false
  }

  async function deriveChannel(channelId: Uint8Array, bytes: Uint8Array, at: bigint, events: DerivationEvent[]): Promise<void> {
    let blocks: BatchBlock[]
    try {
      blocks = decodeChannel(bytes)
    } catch (error) {
      events.push({ kind: 'channelInvalid', channelId, readyAt: at, reason: (error as Error).message })
      return
    }
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i] as BatchBlock
      // The next blocks' tx checks (sender recovery) run on the target's workers while this one
      // executes. This block's own go first: a worker takes them in order (repeats are ignored).
      for (const next of blocks.slice(i, i + 1 + PREFETCH_BLOCKS)) if (next.txs.length > 0) target.prefetch?.(next.txs)
      const verdict = checkBatchBlock(block, { head: target.head(), readyAt: at, sequencingWindow, momentumAt: (h) => momentums.get(h) })
      if (verdict.kind === 'skip') {
        events.push({ kind: 'batchSkipped', number: block.number, reason: verdict.reason })
        continue
      }
      if (verdict.kind === 'invalid') {
        events.push({ kind: 'batchInvalid', number: block.number, reason: verdict.reason, droppedAfter: blocks.length - i - 1 })
        return
      }
      const applied = await applyBatchBlock(block, verdict.origin, at, events)
      if (!applied) {
        const dropped = blocks.length - i - 1
        if (dropped > 0) events.push({ kind: 'batchInvalid', number: (blocks[i + 1] as BatchBlock).number, reason: `an earlier block of its channel (${block.number}) had a transaction that cannot be included`, droppedAfter: dropped - 1 })
        return
      }
    }
  }

  /** Deposit-only blocks for deposits that reached the end of their sequencing window (README "Forced deposits"). */
  async function forceDeposits(at: bigint, events: DerivationEvent[]): Promise<void> {
    for (;;) {
      const first = deposits[0]
      if (first === undefined || first.momentumHeight + sequencingWindow > at) return
      const head = target.head()
      const windowEnd = momentums.get(at - sequencingWindow)
      const parentOrigin = head.origin
      let origin: DerivationMomentum
      if (windowEnd !== undefined && (parentOrigin === undefined || windowEnd.height >= parentOrigin.height)) origin = windowEnd
      else if (parentOrigin !== undefined) origin = { height: parentOrigin.height, hash: parentOrigin.hash, timestamp: parentOrigin.timestamp }
      else throw new DerivationHaltError(`no origin for a forced block: momentum ${at - sequencingWindow} was not read`)
      const parentTimestamp = head.block.header.timestamp
      const timestamp = origin.timestamp > parentTimestamp ? origin.timestamp : parentTimestamp + 1n
      const number = head.block.header.number + 1n
      const before = deposits.length
      const result = await target.applyBlock({ number, timestamp, origin, deposits: candidates(origin.height), txs: [] })
      if (!result.valid) throw new DerivationHaltError(`forced deposit-only block ${number} was refused: ${result.reason}`)
      trimIncluded()
      events.push({ kind: 'blockDerived', number, source: 'forced', derivedAt: at, txs: 0, outputRoot: result.outputRoot })
      if (deposits.length === before) throw new DerivationHaltError(`forced block ${number} took no deposit`)
    }
  }

  return {
    async processMomentum(input) {
      const at = input.momentum.height
      if (position !== undefined && at !== position + 1n) {
        throw new DerivationInputError(`momentum ${at} read after ${position}: momentums must follow each other`)
      }
      const events: DerivationEvent[] = []
      momentums.set(at, input.momentum)
      momentums.delete(at - sequencingWindow - 1n)

      for (const deposit of input.deposits) {
        if (nextDepositIndex !== undefined && deposit.index !== nextDepositIndex) {
          throw new DerivationInputError(`deposit ${deposit.index} read where ${nextDepositIndex} was next`)
        }
        if (deposit.momentumHeight !== at) throw new DerivationInputError(`deposit ${deposit.index} is from momentum ${deposit.momentumHeight}, read with ${at}`)
        nextDepositIndex = deposit.index + 1n
        deposits.push(deposit)
      }
      trimIncluded()

      for (const [key, channel] of [...building.entries()].sort(([, a], [, b]) => (a.firstFrameIndex < b.firstFrameIndex ? -1 : 1))) {
        if (channel.firstSeenAt + sequencingWindow <= at) {
          assembler.drop(channel.channelId)
          building.delete(key)
          events.push({ kind: 'channelTimedOut', channelId: channel.channelId, firstSeenAt: channel.firstSeenAt })
        }
      }

      for (const frame of input.frames) {
        if (lastFrameIndex !== undefined && frame.index <= lastFrameIndex) {
          throw new DerivationInputError(`frame ${frame.index} read after ${lastFrameIndex}: frames must be in anchor order`)
        }
        lastFrameIndex = frame.index
        if (!batchers.has(frame.submitter)) {
          events.push({ kind: 'frameIgnored', frameIndex: frame.index, reason: `submitter ${frame.submitter} is not a batcher of the chain` })
          continue
        }
        let decoded
        try {
          decoded = decodeFrame(frame.bytes)
        } catch (error) {
          events.push({ kind: 'frameIgnored', frameIndex: frame.index, reason: (error as Error).message })
          continue
        }
        const key = bytesToHex(decoded.channelId)
        if (completedIds.has(key)) continue
        if (!building.has(key)) building.set(key, { channelId: decoded.channelId.slice(), firstSeenAt: at, firstFrameIndex: frame.index })
        const ready = assembler.add(decoded, frame.index)
        if (ready === undefined) continue
        building.delete(key)
        completedIds.add(key)
        completed.push({ channelId: ready.channelId.slice(), completedAt: at })
        await deriveChannel(ready.channelId, ready.bytes, at, events)
      }

      await forceDeposits(at, events)
      position = at
      return events
    },
    position: () => position,
    pendingDeposits: () => deposits.length,
    lastFrameIndex: () => lastFrameIndex,
    checkpoint() {
      if (position === undefined) return undefined
      const channels = [...building.values()]
        .sort((a, b) => (a.firstFrameIndex < b.firstFrameIndex ? -1 : 1))
        .map((c) => ({ channelId: c.channelId.slice(), firstSeenAt: c.firstSeenAt, firstFrameIndex: c.firstFrameIndex, frames: assembler.held(c.channelId) ?? [] }))
      return { position, deposits: deposits.slice(), nextDepositIndex, lastFrameIndex, channels, completedCount: completed.length }
    },
    completedChannels: (from) => completed.slice(from).map((c) => ({ channelId: c.channelId.slice(), completedAt: c.completedAt })),
  }
}
