import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { concatBytes } from '@ethereumjs/util'
import { ChannelAssembler } from '../../../node/batch/channelAssembler.ts'
import type { Frame } from '../../../node/batch/frame.ts'

const A = new Uint8Array(16).fill(0xa)
const B = new Uint8Array(16).fill(0xb)
const f = (channelId: Uint8Array, frameNumber: number, isLast: boolean, byte = frameNumber): Frame => ({
  channelId,
  frameNumber,
  data: Uint8Array.of(byte, byte),
  isLast,
})

describe('ChannelAssembler', () => {
  test('in-order frames complete at the last one; interleaved channels stay apart', () => {
    const asm = new ChannelAssembler()
    assert.equal(asm.add(f(A, 0, false), 10n), undefined)
    assert.equal(asm.add(f(B, 0, true), 11n)?.readyAt, 11n)
    assert.equal(asm.add(f(A, 1, false), 12n), undefined)
    const ready = asm.add(f(A, 2, true), 13n)
    assert.deepEqual(ready, {
      channelId: A,
      bytes: Uint8Array.of(0, 0, 1, 1, 2, 2),
      readyAt: 13n,
      frameIndices: [10n, 12n, 13n],
    })
    assert.deepEqual(asm.pending(), [])
  })

  test('out of order: ready at the frame that fills the gap', () => {
    const asm = new ChannelAssembler()
    assert.equal(asm.add(f(A, 2, true), 1n), undefined)
    assert.equal(asm.add(f(A, 0, false), 2n), undefined)
    assert.deepEqual(asm.pending(), [{ channelId: A, firstFrameIndex: 1n, frameNumbers: [0, 2], lastFrameNumber: 2 }])
    assert.deepEqual(asm.held(A), [f(A, 0, false), f(A, 2, true)])
    assert.equal(asm.held(B), undefined)
    const ready = asm.add(f(A, 1, false), 3n)
    assert.equal(ready?.readyAt, 3n)
    assert.deepEqual(ready?.frameIndices, [2n, 3n, 1n])
  })

  test('first copy of a frame number wins', () => {
    const asm = new ChannelAssembler()
    asm.add(f(A, 0, false, 0x11), 1n)
    assert.equal(asm.add(f(A, 0, false, 0x22), 2n), undefined)
    assert.deepEqual(asm.add(f(A, 1, true, 0x33), 3n)?.bytes, Uint8Array.of(0x11, 0x11, 0x33, 0x33))
  })

  test('the first close wins: higher frames dropped, later closes ignored', () => {
    const asm = new ChannelAssembler()
    asm.add(f(A, 3, false), 1n)
    asm.add(f(A, 1, true), 2n)
    assert.deepEqual(asm.pending()[0]?.frameNumbers, [1])
    assert.equal(asm.add(f(A, 0, true), 3n), undefined, 'a second close is ignored')
    assert.equal(asm.add(f(A, 2, false), 4n), undefined, 'above the close is ignored')
    assert.deepEqual(asm.add(f(A, 0, false), 5n)?.bytes, concatBytes(Uint8Array.of(0, 0), Uint8Array.of(1, 1)))
  })

  test('a re-posted complete channel is ignored', () => {
    const asm = new ChannelAssembler()
    assert.ok(asm.add(f(A, 0, true), 1n))
    assert.equal(asm.isCompleted(A), true)
    assert.equal(asm.add(f(A, 0, true), 2n), undefined)
    assert.deepEqual(asm.pending(), [])
  })

  test('drop forgets an incomplete channel; its later frames start afresh', () => {
    const asm = new ChannelAssembler()
    asm.add(f(A, 0, false, 0x55), 1n)
    asm.drop(A)
    assert.deepEqual(asm.pending(), [])
    asm.add(f(A, 1, true), 2n)
    assert.equal(asm.add(f(A, 0, false, 0x66), 3n)?.bytes[0], 0x66)
  })

  test('frame indices must increase', () => {
    const asm = new ChannelAssembler()
    asm.add(f(A, 0, false), 5n)
    assert.throws(() => asm.add(f(B, 0, false), 5n), new RangeError('frame index 5 is not after 5: frames must be added in anchor order'))
  })
})
