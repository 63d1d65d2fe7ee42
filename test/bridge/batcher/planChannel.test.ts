import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { SealedBlock } from '../../../node/backend.ts'
import { batchBlockOf } from '../../../node/batch/batchBlock.ts'
import { channelIdOf, encodeChannel } from '../../../node/batch/channel.ts'
import { BatchEncodeError } from '../../../node/batch/errors.ts'
import { splitChannel } from '../../../node/batch/frame.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { planChannel, type PlanChannelInput } from '../../../bridge/batcher/planChannel.ts'
import type { OpenChannel } from '../../../bridge/batcher/anchorChannels.ts'

/** A sealed block as far as batching reads it: header number/timestamp, txs, origin, hash. */
function sealed(n: bigint, txBytes: number[], origin = true): SealedBlock {
  const txs = txBytes.map((size, i) => {
    const raw = new Uint8Array(size)
    for (let j = 0; j < size; j += 32) raw.set(keccak256(Uint8Array.of(Number(n), i, j & 0xff, j >> 8)).subarray(0, Math.min(32, size - j)), j)
    raw[0] = 2
    return { serialize: () => raw }
  })
  return {
    block: { header: { number: n, timestamp: 1000n + n }, transactions: txs },
    hash: keccak256(Uint8Array.of(0xbb, Number(n))),
    senders: [],
    size: 0,
    ...(origin ? { origin: { height: 50n, hash: keccak256(Uint8Array.of(50)), timestamp: 900n, sequenceNumber: n } } : {}),
  } as unknown as SealedBlock
}

const chain = new Map<bigint, SealedBlock>()
for (let n = 1n; n <= 12n; n++) chain.set(n, sealed(n, n === 3n ? [20_000, 20_000] : [120]))

const input = (over: Partial<PlanChannelInput> = {}): PlanChannelInput => ({
  start: 1n,
  maxEnd: 5n,
  maxChannelBytes: 1 << 20,
  codec: 'zlib',
  getBlock: async (n) => chain.get(n)!,
  finishable: [],
  taken: () => false,
  ...over,
})

const idOf = (first: bigint, last: bigint) =>
  channelIdOf(
    Array.from({ length: Number(last - first + 1n) }, (_, i) => batchBlockOf(chain.get(first + BigInt(i))!)),
    chain.get(last)!.hash,
  )

function openOf(first: bigint, last: bigint, codec: 'zlib' | 'brotli', held: number[]): OpenChannel {
  const blocks = Array.from({ length: Number(last - first + 1n) }, (_, i) => batchBlockOf(chain.get(first + BigInt(i))!))
  const frames = splitChannel(idOf(first, last), encodeChannel(blocks, codec))
  return { channelId: idOf(first, last), firstMomentum: 10n, frames: frames.filter((f) => held.includes(f.frameNumber)) }
}

describe('planChannel', () => {
  test('a new channel takes start … maxEnd, all frames', async () => {
    const plan = (await planChannel(input()))!
    assert.deepEqual(plan.blocks.map((b) => b.number), [1n, 2n, 3n, 4n, 5n])
    assert.deepEqual(plan.channelId, idOf(1n, 5n))
    assert.equal(plan.resumed, false)
    assert.equal(plan.frames.length, plan.totalFrames)
    assert.deepEqual(plan.frames.map((f) => f.frameNumber), [0, 1, 2])
  })

  test('maxChannelBytes stops the range (but a channel has at least one block)', async () => {
    assert.deepEqual((await planChannel(input({ maxChannelBytes: 10_000 })))!.blocks.map((b) => b.number), [1n, 2n])
    assert.deepEqual((await planChannel(input({ start: 3n, maxChannelBytes: 10_000 })))!.blocks.map((b) => b.number), [3n])
  })

  test('nothing to post past the head', async () => {
    assert.equal(await planChannel(input({ start: 6n, maxEnd: 5n })), undefined)
  })

  test('resume: a finishable open channel of the same blocks gets only its missing frames, in its own codec', async () => {
    const open = openOf(1n, 4n, 'brotli', [0, 2])
    const plan = (await planChannel(input({ finishable: [open] })))!
    assert.equal(plan.resumed, true)
    assert.equal(plan.codec, 'brotli')
    assert.deepEqual(plan.channelId, idOf(1n, 4n))
    assert.deepEqual(plan.blocks.map((b) => b.number), [1n, 2n, 3n, 4n])
    assert.deepEqual(plan.frames.map((f) => f.frameNumber), [1])
  })

  test('resume: held frames that differ from the re-encoding are not finished; a range with a free id is cut', async () => {
    const open = openOf(1n, 5n, 'zlib', [0, 1])
    open.frames[1] = { ...open.frames[1]!, data: open.frames[1]!.data.map((b) => b ^ 1) }
    const taken = (id: Uint8Array) => Buffer.from(id).equals(Buffer.from(open.channelId))
    const plan = (await planChannel(input({ finishable: [open], taken })))!
    assert.equal(plan.resumed, false)
    assert.deepEqual(plan.blocks.map((b) => b.number), [1n, 2n, 3n, 4n])
    assert.equal(plan.frames.length, plan.totalFrames)
  })

  test('taken ids are skipped; when every range is taken there is nothing to post', async () => {
    const all = new Set([1n, 2n].map((e) => Buffer.from(idOf(1n, e)).toString('hex')))
    const taken = (id: Uint8Array) => all.has(Buffer.from(id).toString('hex'))
    assert.equal(await planChannel(input({ maxEnd: 2n, taken })), undefined)
    const plan = (await planChannel(input({ maxEnd: 3n, taken })))!
    assert.deepEqual(plan.blocks.map((b) => b.number), [1n, 2n, 3n])
  })

  test('a block without origin cannot be batched', async () => {
    const noOrigin = sealed(1n, [100], false)
    await assert.rejects(planChannel(input({ maxEnd: 1n, getBlock: async () => noOrigin })), new BatchEncodeError('block 1 has no origin momentum: it cannot be batched'))
  })
})
