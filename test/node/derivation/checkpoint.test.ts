/**
 * Derivation checkpoints (README.md "Restart"): a derivation resumed from the checkpoint of any
 * momentum (through its byte encoding) derives exactly what one that never stopped derives, over
 * a history with every kind of state: deposits waiting, channels split across momentums, a channel
 * completed and re-posted, a channel that times out, a forced deposit. And the codec's errors.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RLP } from '@ethereumjs/rlp'
import { keccak256 } from '../../../node/keccak256.ts'
import type { SealedBlock } from '../../../node/backend.ts'
import { encodeChannel, channelIdOf } from '../../../node/batch/channel.ts'
import { encodeFrame } from '../../../node/batch/frame.ts'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import { createDerivation, DerivationInputError, type Derivation } from '../../../node/derivation/createDerivation.ts'
import { decodeCheckpoint, encodeCheckpoint } from '../../../node/derivation/checkpointCodec.ts'
import type { DerivationEvent, DerivationMomentum, DerivationTarget, MomentumInput, ReplayBlockInput } from '../../../node/derivation/types.ts'

const BATCHER = 'z1qqjnwjjpnue8xmmpanz6csze6tcmtzzdtfsww7'
const W = 10n
const END = 24n

function momentum(height: bigint): DerivationMomentum {
  return { height, hash: keccak256(new TextEncoder().encode(`momentum ${height}`)), timestamp: 1_000n + height * 10n }
}

function deposit(index: bigint, momentumHeight: bigint) {
  const sourceHash = keccak256(new TextEncoder().encode(`deposit ${index}`))
  return { index, momentumHeight, tx: { sourceHash, from: new Uint8Array(20), to: new Uint8Array(20).fill(5), mint: 1n, value: 1n, gas: 100_000n, isSystemTx: false, data: Uint8Array.of(1, 2) } }
}

function memoryTarget(): DerivationTarget & { blocks: ReplayBlockInput[] } {
  let head = { block: { header: { number: 0n, timestamp: 0n } }, hash: new Uint8Array(32) } as unknown as SealedBlock
  const blocks: ReplayBlockInput[] = []
  return {
    blocks,
    head: () => head,
    async applyBlock(input) {
      const parent = head.block.header
      if (input.number !== parent.number + 1n || input.timestamp <= parent.timestamp) return { valid: false as const, reason: 'bad header' }
      const last = input.deposits.at(-1)?.sourceHash ?? head.lastDepositSourceHash
      const hash = keccak256(new TextEncoder().encode(`block ${input.number} ${input.txs.length} ${input.deposits.length}`))
      head = { block: { header: { number: input.number, timestamp: input.timestamp } }, hash, origin: { ...input.origin, sequenceNumber: 0n }, ...(last === undefined ? {} : { lastDepositSourceHash: last }) } as unknown as SealedBlock
      blocks.push(input)
      return { valid: true, sealed: head, receipts: [], outputRoot: keccak256(hash) }
    },
  }
}

function batch(number: bigint, originHeight: bigint, txs: Uint8Array[]): BatchBlock {
  const origin = momentum(originHeight)
  return { number, timestamp: origin.timestamp + number, originHeight, originHash: origin.hash, txs }
}

/** A channel's bytes cut into two frames. */
function twoFrames(blocks: BatchBlock[]): [Uint8Array, Uint8Array] {
  const bytes = encodeChannel(blocks, 'zlib')
  const id = channelIdOf(blocks, keccak256(bytes))
  const half = Math.floor(bytes.length / 2)
  return [encodeFrame({ channelId: id, frameNumber: 0, data: bytes.slice(0, half), isLast: false }), encodeFrame({ channelId: id, frameNumber: 1, data: bytes.slice(half), isLast: true })]
}

const tx = (n: number) => Uint8Array.of(0x02, n, n, n, n, n, n, n, n, n, n, n, n)

/** Inputs of momentums 1..END; frame indices in posting order. */
function history(): MomentumInput[] {
  const [a0, a1] = twoFrames([batch(1n, 2n, [tx(1)])])
  const [b0] = twoFrames([batch(2n, 3n, [tx(2)])]) // never completes: times out at 4 + W
  const [c0, c1] = twoFrames([batch(2n, 7n, [tx(3)]), batch(3n, 8n, [tx(4)])])
  const frames = new Map<bigint, Uint8Array[]>([
    [3n, [a0]],
    [4n, [b0]],
    [5n, [a1]], // A completes: block 1
    [6n, [a0]], // a copy of a completed channel's frame: ignored
    [8n, [c1]], // C's last frame first
    [9n, [c0]], // C completes: blocks 2, 3
  ])
  const deposits = new Map([[2n, [deposit(1n, 2n)]], [7n, [deposit(2n, 7n)]], [12n, [deposit(3n, 12n)]]]) // deposit 3 is forced at 12 + W
  const out: MomentumInput[] = []
  let index = 1n
  for (let h = 1n; h <= END; h++) {
    out.push({ momentum: momentum(h), deposits: deposits.get(h) ?? [], frames: (frames.get(h) ?? []).map((bytes) => ({ index: index++, submitter: BATCHER, bytes })) })
  }
  return out
}

const summary = (events: DerivationEvent[]) => events.map((e) => (e.kind === 'blockDerived' ? `${e.kind} ${e.number} ${e.source} ${e.derivedAt}` : e.kind))

test('resumed from the checkpoint of any momentum, derivation ends where one that never stopped ends', async () => {
  const inputs = history()
  const whole = memoryTarget()
  const uninterrupted = createDerivation({ target: whole, sequencingWindow: W, batchers: [BATCHER] })
  const events: DerivationEvent[][] = []
  for (const input of inputs) events.push(await uninterrupted.processMomentum(input))
  assert.deepEqual(summary(events.flat()), [
    'blockDerived 1 batch 5',
    'blockDerived 2 batch 9',
    'blockDerived 3 batch 9',
    'channelTimedOut',
    'blockDerived 4 forced 22',
  ])
  assert.equal(uninterrupted.pendingDeposits(), 0)

  for (let k = 1; k < inputs.length; k++) {
    const target = memoryTarget()
    const first = createDerivation({ target, sequencingWindow: W, batchers: [BATCHER] })
    for (const input of inputs.slice(0, k)) await first.processMomentum(input)
    const checkpoint = decodeCheckpoint(encodeCheckpoint(first.checkpoint()!))
    assert.deepEqual(checkpoint, first.checkpoint(), `checkpoint at ${k} round-trips`)
    const resumed: Derivation = createDerivation({
      target,
      sequencingWindow: W,
      batchers: [BATCHER],
      resume: { checkpoint, momentums: inputs.slice(0, k).map((i) => i.momentum), completedChannels: first.completedChannels(0) },
    })
    assert.equal(resumed.position(), BigInt(k))
    const rest: DerivationEvent[][] = []
    for (const input of inputs.slice(k)) rest.push(await resumed.processMomentum(input))
    assert.deepEqual(rest, events.slice(k), `events after resuming at ${k}`)
    assert.deepEqual(target.blocks, whole.blocks, `blocks after resuming at ${k}`)
    assert.deepEqual(resumed.checkpoint(), uninterrupted.checkpoint(), `state after resuming at ${k}`)
    assert.deepEqual(resumed.completedChannels(0), uninterrupted.completedChannels(0))
  }
})

test('checkpoints: what is held mid-channel, completed channels counted; a resume with the wrong completed list or a bad encoding is refused', async () => {
  const inputs = history()
  const d = createDerivation({ target: memoryTarget(), sequencingWindow: W, batchers: [BATCHER] })
  assert.equal(d.checkpoint(), undefined)
  for (const input of inputs.slice(0, 4)) await d.processMomentum(input)
  const at4 = d.checkpoint()!
  assert.equal(at4.position, 4n)
  assert.deepEqual(at4.channels.map((c) => [c.firstSeenAt, c.firstFrameIndex, c.frames.map((f) => f.frameNumber)]), [[3n, 1n, [0]], [4n, 2n, [0]]])
  assert.deepEqual(at4.deposits.map((x) => x.index), [1n])
  assert.equal(at4.nextDepositIndex, 2n)
  assert.equal(at4.lastFrameIndex, 2n)
  assert.equal(at4.completedCount, 0)
  await d.processMomentum(inputs[4]!)
  assert.equal(d.checkpoint()!.completedCount, 1)
  assert.deepEqual(d.completedChannels(1), [])
  assert.equal(d.completedChannels(0)[0]!.completedAt, 5n)

  assert.throws(
    () => createDerivation({ target: memoryTarget(), sequencingWindow: W, batchers: [BATCHER], resume: { checkpoint: d.checkpoint()!, momentums: [], completedChannels: [] } }),
    (e: Error) => e instanceof DerivationInputError && e.message === 'checkpoint at momentum 5 counts 1 completed channels, 0 were given',
  )
  assert.throws(() => decodeCheckpoint(Uint8Array.of(0xc1)), { name: 'CheckpointDecodeError', message: 'checkpoint RLP is malformed: invalid RLP (safeSlice): end slice of Uint8Array out-of-bounds' })
  assert.throws(() => decodeCheckpoint(RLP.encode([Uint8Array.of(2), [], [], [], [], [], []])), { name: 'CheckpointDecodeError', message: 'checkpoint version 2 is not 1' })
  assert.throws(() => decodeCheckpoint(RLP.encode([Uint8Array.of(1)])), { name: 'CheckpointDecodeError', message: 'checkpoint record is not a list of 7' })
  assert.throws(() => decodeCheckpoint(RLP.encode([Uint8Array.of(1), Uint8Array.of(0, 5), [], Uint8Array.of(), Uint8Array.of(), [], Uint8Array.of()])), { name: 'CheckpointDecodeError', message: 'checkpoint position has leading zero bytes' })
})
