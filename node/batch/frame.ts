/**
 * Frames: pieces of a channel, one per SubmitFrame call (bridge/README.md §2):
 *
 *     frame = version(1) = 0 ‖ channelId(16) ‖ frameNumber(u16 BE) ‖ length(u32 BE) ‖ data(length) ‖ isLast(1)
 *
 * At most 16,256 bytes encoded (the anchor's MaxFrameBytes; node/ does not import the anchor, the
 * batch tests check the two numbers agree), so `data` ≤ 16,232 bytes.
 */
import { BatchEncodeError, FrameDecodeError } from './errors.ts'

export interface Frame {
  /** 16 bytes. */
  channelId: Uint8Array
  /** 0-based position in the channel (u16). */
  frameNumber: number
  data: Uint8Array
  /** True on exactly the channel's last frame. */
  isLast: boolean
}

export const FRAME_VERSION = 0
/** The anchor's MaxFrameBytes: the largest SubmitFrame payload. */
export const MAX_FRAME_BYTES = 16_256
export const CHANNEL_ID_BYTES = 16
/** version + channelId + frameNumber + length + isLast. */
export const FRAME_OVERHEAD = 1 + CHANNEL_ID_BYTES + 2 + 4 + 1
/** Largest `data` of one frame. */
export const MAX_FRAME_DATA_BYTES = MAX_FRAME_BYTES - FRAME_OVERHEAD
const MAX_FRAME_NUMBER = 0xffff

export function encodeFrame(frame: Frame): Uint8Array {
  if (frame.channelId.length !== CHANNEL_ID_BYTES) {
    throw new BatchEncodeError(`channel id must be ${CHANNEL_ID_BYTES} bytes, got ${frame.channelId.length}`)
  }
  if (!Number.isInteger(frame.frameNumber) || frame.frameNumber < 0 || frame.frameNumber > MAX_FRAME_NUMBER) {
    throw new BatchEncodeError(`frame number ${frame.frameNumber} is not a u16`)
  }
  if (frame.data.length > MAX_FRAME_DATA_BYTES) {
    throw new BatchEncodeError(`frame data of ${frame.data.length} bytes exceeds ${MAX_FRAME_DATA_BYTES} bytes`)
  }
  const out = new Uint8Array(FRAME_OVERHEAD + frame.data.length)
  const view = new DataView(out.buffer)
  out[0] = FRAME_VERSION
  out.set(frame.channelId, 1)
  view.setUint16(1 + CHANNEL_ID_BYTES, frame.frameNumber)
  view.setUint32(3 + CHANNEL_ID_BYTES, frame.data.length)
  out.set(frame.data, 7 + CHANNEL_ID_BYTES)
  out[out.length - 1] = frame.isLast ? 1 : 0
  return out
}

/** Parses one SubmitFrame payload. Throws FrameDecodeError on anything but an exact frame. */
export function decodeFrame(input: Uint8Array): Frame {
  const bytes = plain(input)
  if (bytes.length > MAX_FRAME_BYTES) {
    throw new FrameDecodeError(`frame of ${bytes.length} bytes is over ${MAX_FRAME_BYTES} bytes`)
  }
  if (bytes.length < FRAME_OVERHEAD) {
    throw new FrameDecodeError(`frame too short: ${bytes.length} bytes, a frame has at least ${FRAME_OVERHEAD}`)
  }
  if (bytes[0] !== FRAME_VERSION) throw new FrameDecodeError(`bad frame version ${bytes[0]} (expected ${FRAME_VERSION})`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const frameNumber = view.getUint16(1 + CHANNEL_ID_BYTES)
  const length = view.getUint32(3 + CHANNEL_ID_BYTES)
  if (FRAME_OVERHEAD + length !== bytes.length) {
    throw new FrameDecodeError(`frame length mismatch: header says ${length} data bytes, frame carries ${bytes.length - FRAME_OVERHEAD}`)
  }
  const isLast = bytes[bytes.length - 1] as number
  if (isLast !== 0 && isLast !== 1) throw new FrameDecodeError(`frame isLast byte is ${isLast}, must be 0 or 1`)
  return {
    channelId: bytes.slice(1, 1 + CHANNEL_ID_BYTES),
    frameNumber,
    data: bytes.slice(7 + CHANNEL_ID_BYTES, 7 + CHANNEL_ID_BYTES + length),
    isLast: isLast === 1,
  }
}

/** Cuts a channel's bytes into frames of at most MAX_FRAME_BYTES encoded, numbered from 0. */
export function splitChannel(channelId: Uint8Array, channel: Uint8Array): Frame[] {
  const channelBytes = plain(channel)
  if (channelBytes.length === 0) throw new BatchEncodeError('cannot split an empty channel')
  const count = Math.ceil(channelBytes.length / MAX_FRAME_DATA_BYTES)
  if (count > MAX_FRAME_NUMBER + 1) {
    throw new BatchEncodeError(`channel of ${channelBytes.length} bytes needs ${count} frames, more than ${MAX_FRAME_NUMBER + 1}`)
  }
  const frames: Frame[] = []
  for (let i = 0; i < count; i++) {
    frames.push({
      channelId: plain(channelId).slice(),
      frameNumber: i,
      data: channelBytes.slice(i * MAX_FRAME_DATA_BYTES, (i + 1) * MAX_FRAME_DATA_BYTES),
      isLast: i === count - 1,
    })
  }
  return frames
}

/** A plain Uint8Array view (a Buffer's `slice` would return a shared Buffer view, not a copy). */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
