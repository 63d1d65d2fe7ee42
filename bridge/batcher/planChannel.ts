/**
 * Which channel to post next, starting at the first block the anchor does not deliver yet.
 *
 * - The range is `start … end` with end ≤ maxEnd (the L2 head, the next commitment block, the
 *   block cap) and the blocks' tx bytes within maxChannelBytes (at least one block).
 * - Resume: if the anchor holds part of a channel of ours for `start … E` (same channel id, so the
 *   same blocks) that will not time out before it can be finished, and the frames it holds are
 *   exactly what re-encoding those blocks gives, only the missing frames are posted.
 * - Otherwise the longest range whose channel id is not already on the anchor (complete, or open
 *   in any state) is cut and all its frames are posted: reusing an id would mix new frames with
 *   old ones.
 */
import type { SealedBlock } from '../../node/backend.ts'
import { batchBlockOf, type BatchBlock } from '../../node/batch/batchBlock.ts'
import { CHANNEL_CODEC_BYTE, channelIdOf, encodeChannel, type ChannelCodec } from '../../node/batch/channel.ts'
import { splitChannel, type Frame } from '../../node/batch/frame.ts'
import { bytesEqual } from '../../nom/hash.ts'
import type { OpenChannel } from './anchorChannels.ts'

export interface ChannelPlan {
  channelId: Uint8Array
  blocks: BatchBlock[]
  codec: ChannelCodec
  /** Frames to post now (all of them, or the ones the anchor misses). */
  frames: Frame[]
  totalFrames: number
  /** True when finishing a channel the anchor holds part of. */
  resumed: boolean
  /** Bytes of the encoded channel. */
  channelBytes: number
}

export interface PlanChannelInput {
  start: bigint
  maxEnd: bigint
  maxChannelBytes: number
  codec: ChannelCodec
  getBlock(n: bigint): Promise<SealedBlock>
  /** Open channels of ours that can still be finished in time. */
  finishable: OpenChannel[]
  /** Channel ids that must not be reused (completed, or open on the anchor). */
  taken(channelId: Uint8Array): boolean
}

const codecOfByte = (byte: number | undefined): ChannelCodec | undefined =>
  byte === CHANNEL_CODEC_BYTE.zlib ? 'zlib' : byte === CHANNEL_CODEC_BYTE.brotli ? 'brotli' : undefined

export async function planChannel(input: PlanChannelInput): Promise<ChannelPlan | undefined> {
  if (input.maxEnd < input.start) return undefined
  const blocks: BatchBlock[] = []
  const hashes: Uint8Array[] = []
  let bytes = 0
  for (let n = input.start; n <= input.maxEnd; n++) {
    const sealed = await input.getBlock(n)
    const block = batchBlockOf(sealed)
    const size = block.txs.reduce((sum, tx) => sum + tx.length, 0)
    if (blocks.length > 0 && bytes + size > input.maxChannelBytes) break
    blocks.push(block)
    hashes.push(sealed.hash)
    bytes += size
  }
  const ids = blocks.map((_, k) => channelIdOf(blocks.slice(0, k + 1), hashes[k]!))

  for (const open of input.finishable) {
    const k = ids.findIndex((id) => bytesEqual(id, open.channelId))
    if (k < 0) continue
    const range = blocks.slice(0, k + 1)
    const codec = codecOfByte(open.frames.find((f) => f.frameNumber === 0)?.data[0]) ?? input.codec
    const encoded = encodeChannel(range, codec)
    const all = splitChannel(open.channelId, encoded)
    const consistent = open.frames.every((held) => {
      const mine = all[held.frameNumber]
      return mine !== undefined && mine.isLast === held.isLast && bytesEqual(mine.data, held.data)
    })
    if (!consistent) continue
    const held = new Set(open.frames.map((f) => f.frameNumber))
    return {
      channelId: open.channelId,
      blocks: range,
      codec,
      frames: all.filter((f) => !held.has(f.frameNumber)),
      totalFrames: all.length,
      resumed: true,
      channelBytes: encoded.length,
    }
  }

  for (let k = blocks.length - 1; k >= 0; k--) {
    const id = ids[k]!
    if (input.taken(id)) continue
    const range = blocks.slice(0, k + 1)
    const encoded = encodeChannel(range, input.codec)
    const frames = splitChannel(id, encoded)
    return { channelId: id, blocks: range, codec: input.codec, frames, totalFrames: frames.length, resumed: false, channelBytes: encoded.length }
  }
  return undefined
}
