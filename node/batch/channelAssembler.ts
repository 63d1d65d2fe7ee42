/**
 * Collects frames, read in the anchor's frame index order, into channels (bridge/README.md §2).
 *
 * Rules (the same for the batcher's resume and every verifier, so they agree byte for byte):
 * - the first copy of a frame number wins; later copies are ignored;
 * - the first frame with isLast closes the channel at its number k: frames numbered above k,
 *   held or arriving later, are ignored, and so is any later isLast frame;
 * - a channel is complete when frames 0..k are all held; it is ready at the anchor frame index of
 *   the frame that completed it, and it is returned by that `add` call (one frame completes at
 *   most one channel);
 * - frames of a channel id that already completed are ignored (a restarted batcher re-posting the
 *   same channel produces the same id).
 * Timeouts of channels that never complete are the reader's policy: `pending()` and `drop()`.
 */
import { bytesToHex, concatBytes } from '@ethereumjs/util'
import type { Frame } from './frame.ts'

export interface ReadyChannel {
  channelId: Uint8Array
  /** The channel's bytes: data of frames 0..k concatenated (decode with decodeChannel). */
  bytes: Uint8Array
  /** Anchor frame index of the frame that completed the channel. */
  readyAt: bigint
  /** Anchor frame index of each frame 0..k used (the first copy of each). */
  frameIndices: bigint[]
}

export interface PendingChannel {
  channelId: Uint8Array
  /** Anchor frame index of the first frame seen of this channel. */
  firstFrameIndex: bigint
  /** Frame numbers held. */
  frameNumbers: number[]
  /** Number of the closing frame, once seen. */
  lastFrameNumber?: number
}

interface Building {
  channelId: Uint8Array
  firstFrameIndex: bigint
  frames: Map<number, { data: Uint8Array; frameIndex: bigint }>
  lastFrameNumber?: number
}

export class ChannelAssembler {
  readonly #building = new Map<string, Building>()
  readonly #completed = new Set<string>()
  #lastFrameIndex: bigint | undefined

  /**
   * Adds the frame at anchor frame index `frameIndex`; returns the channel it completed, if any.
   * Indices must increase strictly (anchor order); anything else is a caller bug and throws RangeError.
   */
  add(frame: Frame, frameIndex: bigint): ReadyChannel | undefined {
    if (this.#lastFrameIndex !== undefined && frameIndex <= this.#lastFrameIndex) {
      throw new RangeError(`frame index ${frameIndex} is not after ${this.#lastFrameIndex}: frames must be added in anchor order`)
    }
    this.#lastFrameIndex = frameIndex
    const key = bytesToHex(frame.channelId)
    if (this.#completed.has(key)) return undefined
    let channel = this.#building.get(key)
    if (channel === undefined) {
      channel = { channelId: frame.channelId.slice(), firstFrameIndex: frameIndex, frames: new Map() }
      this.#building.set(key, channel)
    }
    if (channel.frames.has(frame.frameNumber)) return undefined
    if (channel.lastFrameNumber !== undefined) {
      if (frame.isLast || frame.frameNumber > channel.lastFrameNumber) return undefined
    }
    if (frame.isLast) {
      channel.lastFrameNumber = frame.frameNumber
      for (const number of [...channel.frames.keys()]) {
        if (number > frame.frameNumber) channel.frames.delete(number)
      }
    }
    channel.frames.set(frame.frameNumber, { data: frame.data, frameIndex })
    const last = channel.lastFrameNumber
    if (last === undefined || channel.frames.size !== last + 1) return undefined

    this.#building.delete(key)
    this.#completed.add(key)
    const parts: Uint8Array[] = []
    const frameIndices: bigint[] = []
    for (let i = 0; i <= last; i++) {
      const held = channel.frames.get(i) as { data: Uint8Array; frameIndex: bigint }
      parts.push(held.data)
      frameIndices.push(held.frameIndex)
    }
    return { channelId: channel.channelId, bytes: concatBytes(...parts), readyAt: frameIndex, frameIndices }
  }

  /** Channels seen but not complete, oldest first seen first. */
  pending(): PendingChannel[] {
    return [...this.#building.values()]
      .sort((a, b) => (a.firstFrameIndex < b.firstFrameIndex ? -1 : a.firstFrameIndex > b.firstFrameIndex ? 1 : 0))
      .map((c) => ({
        channelId: c.channelId,
        firstFrameIndex: c.firstFrameIndex,
        frameNumbers: [...c.frames.keys()].sort((a, b) => a - b),
        ...(c.lastFrameNumber === undefined ? {} : { lastFrameNumber: c.lastFrameNumber }),
      }))
  }

  /** Forgets an incomplete channel (a reader's timeout); later frames with its id start it afresh. */
  drop(channelId: Uint8Array): void {
    this.#building.delete(bytesToHex(channelId))
  }

  /** The frames held of an incomplete channel (first copies), by frame number; undefined if none. */
  held(channelId: Uint8Array): Frame[] | undefined {
    const channel = this.#building.get(bytesToHex(channelId))
    if (channel === undefined) return undefined
    return [...channel.frames.entries()]
      .sort(([a], [b]) => a - b)
      .map(([frameNumber, f]) => ({ channelId: channel.channelId, frameNumber, data: f.data, isLast: frameNumber === channel.lastFrameNumber }))
  }

  /** True when a channel with this id has completed. */
  isCompleted(channelId: Uint8Array): boolean {
    return this.#completed.has(bytesToHex(channelId))
  }
}
