import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { concatBytes } from '@ethereumjs/util'
import { MAX_FRAME_BYTES as ANCHOR_MAX_FRAME_BYTES } from '../../../contracts/anchor/constants.ts'
import { BatchEncodeError, FrameDecodeError } from '../../../node/batch/errors.ts'
import {
  decodeFrame,
  encodeFrame,
  FRAME_OVERHEAD,
  MAX_FRAME_BYTES,
  MAX_FRAME_DATA_BYTES,
  splitChannel,
  type Frame,
} from '../../../node/batch/frame.ts'

const ID = Uint8Array.from({ length: 16 }, (_, i) => i + 1)

describe('frames', () => {
  test('the frame limit is the anchor MaxFrameBytes', () => {
    assert.equal(MAX_FRAME_BYTES, ANCHOR_MAX_FRAME_BYTES)
    assert.equal(MAX_FRAME_BYTES, 16_256)
    assert.equal(MAX_FRAME_DATA_BYTES, 16_232)
  })

  test('layout: version ‖ channelId ‖ u16 number ‖ u32 length ‖ data ‖ isLast', () => {
    const bytes = encodeFrame({ channelId: ID, frameNumber: 0x0102, data: Uint8Array.of(0xaa, 0xbb), isLast: true })
    assert.deepEqual(bytes, concatBytes(Uint8Array.of(0), ID, Uint8Array.of(1, 2, 0, 0, 0, 2, 0xaa, 0xbb, 1)))
  })

  test('round trip, empty data and full data', () => {
    for (const frame of [
      { channelId: ID, frameNumber: 0, data: new Uint8Array(), isLast: false },
      { channelId: ID, frameNumber: 65_535, data: new Uint8Array(MAX_FRAME_DATA_BYTES).fill(9), isLast: true },
    ] satisfies Frame[]) {
      const bytes = encodeFrame(frame)
      assert.ok(bytes.length <= MAX_FRAME_BYTES)
      assert.deepEqual(decodeFrame(bytes), frame)
    }
  })

  test('decode of a Buffer returns plain Uint8Arrays', () => {
    const frame = decodeFrame(Buffer.from(encodeFrame({ channelId: ID, frameNumber: 3, data: Uint8Array.of(5), isLast: false })))
    assert.equal(Object.getPrototypeOf(frame.data), Uint8Array.prototype)
    assert.equal(Object.getPrototypeOf(frame.channelId), Uint8Array.prototype)
  })

  describe('decode errors', () => {
    const good = encodeFrame({ channelId: ID, frameNumber: 1, data: Uint8Array.of(1, 2, 3), isLast: false })
    const patched = (at: number, value: number) => {
      const copy = good.slice()
      copy[at] = value
      return copy
    }
    const cases: [string, Uint8Array, string][] = [
      ['short', good.subarray(0, FRAME_OVERHEAD - 1), `frame too short: ${FRAME_OVERHEAD - 1} bytes, a frame has at least ${FRAME_OVERHEAD}`],
      ['bad version', patched(0, 1), 'bad frame version 1 (expected 0)'],
      ['length says more', patched(22, 4), 'frame length mismatch: header says 4 data bytes, frame carries 3'],
      ['trailing byte', concatBytes(good, Uint8Array.of(0)), 'frame length mismatch: header says 3 data bytes, frame carries 4'],
      ['isLast 2', patched(good.length - 1, 2), 'frame isLast byte is 2, must be 0 or 1'],
      ['over the limit', new Uint8Array(MAX_FRAME_BYTES + 1), `frame of ${MAX_FRAME_BYTES + 1} bytes is over ${MAX_FRAME_BYTES} bytes`],
    ]
    for (const [name, bytes, message] of cases) {
      test(name, () => assert.throws(() => decodeFrame(bytes), new FrameDecodeError(message)))
    }
  })

  test('encode refuses what no reader accepts', () => {
    assert.throws(
      () => encodeFrame({ channelId: ID.subarray(1), frameNumber: 0, data: new Uint8Array(), isLast: true }),
      new BatchEncodeError('channel id must be 16 bytes, got 15'),
    )
    assert.throws(
      () => encodeFrame({ channelId: ID, frameNumber: 65_536, data: new Uint8Array(), isLast: true }),
      new BatchEncodeError('frame number 65536 is not a u16'),
    )
    assert.throws(
      () => encodeFrame({ channelId: ID, frameNumber: 0, data: new Uint8Array(MAX_FRAME_DATA_BYTES + 1), isLast: true }),
      new BatchEncodeError(`frame data of ${MAX_FRAME_DATA_BYTES + 1} bytes exceeds ${MAX_FRAME_DATA_BYTES} bytes`),
    )
  })

  test('splitChannel: frames numbered from 0, only the last isLast, data concatenates back', () => {
    const channel = Uint8Array.from({ length: 2 * MAX_FRAME_DATA_BYTES + 5 }, (_, i) => i & 0xff)
    const frames = splitChannel(ID, channel)
    assert.deepEqual(frames.map((f) => [f.frameNumber, f.data.length, f.isLast]), [
      [0, MAX_FRAME_DATA_BYTES, false],
      [1, MAX_FRAME_DATA_BYTES, false],
      [2, 5, true],
    ])
    for (const f of frames) assert.equal(encodeFrame(f).length <= MAX_FRAME_BYTES, true)
    assert.deepEqual(concatBytes(...frames.map((f) => f.data)), channel)
    assert.deepEqual(splitChannel(ID, Uint8Array.of(7)), [{ channelId: ID, frameNumber: 0, data: Uint8Array.of(7), isLast: true }])
    assert.equal(splitChannel(ID, new Uint8Array(MAX_FRAME_DATA_BYTES)).length, 1)
    assert.throws(() => splitChannel(ID, new Uint8Array()), new BatchEncodeError('cannot split an empty channel'))
  })
})
