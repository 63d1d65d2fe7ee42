/**
 * The derivation rules (node/derivation/README.md), one test per rule, over an in-memory target that
 * checks what a replay engine checks (number, timestamp) and refuses a tx whose first byte is 0xff
 * (standing in for "cannot be included"). The real engine is exercised by the verifier e2e tests.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { keccak256 } from '../../../node/keccak256.ts'
import type { SealedBlock } from '../../../node/backend.ts'
import type { DepositTx } from '../../../node/deposits/depositTx.ts'
import { encodeChannel, channelIdOf } from '../../../node/batch/channel.ts'
import { encodeFrame, splitChannel } from '../../../node/batch/frame.ts'
import type { BatchBlock } from '../../../node/batch/batchBlock.ts'
import { createDerivation, DerivationInputError } from '../../../node/derivation/createDerivation.ts'
import type { DerivationEvent, DerivationFrame, DerivationMomentum, DerivationTarget, MomentumInput, ReplayBlockInput } from '../../../node/derivation/types.ts'

const BATCHER = 'z1qqjnwjjpnue8xmmpanz6csze6tcmtzzdtfsww7'
const STRANGER = 'z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz'
const W = 10n

function momentum(height: bigint): DerivationMomentum {
  const hash = keccak256(new TextEncoder().encode(`momentum ${height}`))
  return { height, hash, timestamp: 1_000n + height * 10n }
}

function deposit(index: bigint, momentumHeight: bigint): { index: bigint; momentumHeight: bigint; tx: DepositTx } {
  const sourceHash = keccak256(new TextEncoder().encode(`deposit ${index}`))
  return { index, momentumHeight, tx: { sourceHash, from: new Uint8Array(20), to: new Uint8Array(20), mint: 1n, value: 1n, gas: 100_000n, isSystemTx: false, data: new Uint8Array() } }
}

interface Applied extends ReplayBlockInput {
  valid: boolean
}

/** A chain that takes every candidate deposit and refuses a tx starting with 0xff. */
function memoryTarget(): DerivationTarget & { applied: Applied[]; blocks: ReplayBlockInput[]; prefetched: (readonly Uint8Array[])[] } {
  const genesis = { block: { header: { number: 0n, timestamp: 0n } }, hash: new Uint8Array(32) } as unknown as SealedBlock
  let head = genesis
  const applied: Applied[] = []
  const blocks: ReplayBlockInput[] = []
  const prefetched: (readonly Uint8Array[])[] = []
  return {
    applied,
    blocks,
    prefetched,
    head: () => head,
    prefetch(txs) {
      prefetched.push(txs)
    },
    async applyBlock(input) {
      const parent = head.block.header
      const bad = input.number !== parent.number + 1n ? 'bad number' : input.timestamp <= parent.timestamp ? 'bad timestamp' : input.txs.some((tx) => tx[0] === 0xff) ? 'tx 0 cannot be included' : undefined
      applied.push({ ...input, valid: bad === undefined })
      if (bad !== undefined) return { valid: false as const, reason: bad }
      const last = input.deposits.at(-1)?.sourceHash ?? head.lastDepositSourceHash
      const hash = keccak256(new TextEncoder().encode(`block ${input.number} ${input.txs.length} ${input.deposits.length}`))
      const sealed = {
        block: { header: { number: input.number, timestamp: input.timestamp } },
        hash,
        origin: { ...input.origin, sequenceNumber: 0n },
        ...(last === undefined ? {} : { lastDepositSourceHash: last }),
      } as unknown as SealedBlock
      head = sealed
      blocks.push(input)
      return { valid: true, sealed, receipts: [], outputRoot: keccak256(hash) }
    },
  }
}

function batch(number: bigint, originHeight: bigint, txs: Uint8Array[] = [], timestamp?: bigint): BatchBlock {
  const origin = momentum(originHeight)
  return { number, timestamp: timestamp ?? origin.timestamp + number, originHeight, originHash: origin.hash, txs }
}

let nextFrameIndex = 1n
function framesOf(blocks: BatchBlock[], options: { submitter?: string; codec?: 'zlib' | 'brotli' } = {}): DerivationFrame[] {
  const bytes = encodeChannel(blocks, options.codec ?? 'zlib')
  const id = channelIdOf(blocks, keccak256(bytes))
  return splitChannel(id, bytes).map((f) => ({ index: nextFrameIndex++, submitter: options.submitter ?? BATCHER, bytes: encodeFrame(f) }))
}

function rawFrame(bytes: Uint8Array, submitter = BATCHER): DerivationFrame {
  return { index: nextFrameIndex++, submitter, bytes }
}

async function run(inputs: Map<bigint, Partial<MomentumInput>>, from: bigint, to: bigint) {
  const target = memoryTarget()
  const derivation = createDerivation({ target, sequencingWindow: W, batchers: [BATCHER] })
  const events: DerivationEvent[] = []
  let index = 1n
  for (let h = from; h <= to; h++) {
    const extra = inputs.get(h) ?? {}
    // anchor frame indices in posting order
    const frames = (extra.frames ?? []).map((f) => ({ ...f, index: index++ }))
    events.push(...(await derivation.processMomentum({ momentum: momentum(h), deposits: extra.deposits ?? [], frames })))
  }
  return { target, events, derivation }
}

const tx = (n: number) => Uint8Array.of(0x02, n, n, n)

test('batch blocks apply in order with the deposits their origin reaches; a second run derives the same', async () => {
  nextFrameIndex = 1n
  const d1 = deposit(1n, 3n)
  const d2 = deposit(2n, 6n)
  const inputs = new Map<bigint, Partial<MomentumInput>>([
    [3n, { deposits: [d1] }],
    [6n, { deposits: [d2] }],
    [7n, { frames: framesOf([batch(1n, 2n, [tx(1)]), batch(2n, 5n, [tx(2), tx(3)])]) }],
    [8n, { frames: framesOf([batch(3n, 6n, [])]) }],
  ])
  const { target, events } = await run(inputs, 1n, 9n)
  assert.deepEqual(
    target.blocks.map((b) => [b.number, b.origin.height, b.deposits.map((d) => d.sourceHash), b.txs.length]),
    [
      [1n, 2n, [], 1],
      [2n, 5n, [d1.tx.sourceHash], 2],
      [3n, 6n, [d2.tx.sourceHash], 0],
    ],
  )
  assert.deepEqual(
    events.map((e) => (e.kind === 'blockDerived' ? [e.number, e.source, e.derivedAt] : e.kind)),
    [
      [1n, 'batch', 7n],
      [2n, 'batch', 7n],
      [3n, 'batch', 8n],
    ],
  )
  nextFrameIndex = 1n
  const again = await run(
    new Map<bigint, Partial<MomentumInput>>([
      [3n, { deposits: [d1] }],
      [6n, { deposits: [d2] }],
      [7n, { frames: framesOf([batch(1n, 2n, [tx(1)]), batch(2n, 5n, [tx(2), tx(3)])]) }],
      [8n, { frames: framesOf([batch(3n, 6n, [])]) }],
    ]),
    1n,
    9n,
  )
  assert.deepEqual(again.events, events)
})

test("before each block of a channel executes, its txs and the next two blocks' (if any) go to the target's prefetch, in order", async () => {
  nextFrameIndex = 1n
  const blocks = [batch(1n, 2n, [tx(1)]), batch(2n, 2n, [tx(2)]), batch(3n, 2n, []), batch(4n, 2n, [tx(4), tx(5)]), batch(5n, 2n, [tx(6)])]
  const target = memoryTarget()
  const derivation = createDerivation({ target, sequencingWindow: W, batchers: [BATCHER] })
  const seen: string[] = []
  const prefetch = target.prefetch!
  target.prefetch = (txs) => {
    seen.push(`prefetch ${txs.map((t) => t[1]).join('+')}`)
    prefetch(txs)
  }
  const applyBlock = target.applyBlock
  target.applyBlock = (input) => {
    seen.push(`apply ${input.number}`)
    return applyBlock(input)
  }
  for (let h = 1n; h <= 3n; h++) await derivation.processMomentum({ momentum: momentum(h), deposits: [], frames: h === 3n ? framesOf(blocks) : [] })
  assert.deepEqual(seen, [
    'prefetch 1', 'prefetch 2', 'apply 1', // block 3 has no txs
    'prefetch 2', 'prefetch 4+5', 'apply 2',
    'prefetch 4+5', 'prefetch 6', 'apply 3',
    'prefetch 4+5', 'prefetch 6', 'apply 4',
    'prefetch 6', 'apply 5',
  ])
  // The arrays handed to prefetch are the ones the blocks are applied with (the replica keys its checks by them).
  for (const block of target.blocks.filter((b) => b.txs.length > 0)) assert.ok(target.prefetched.includes(block.txs), `block ${block.number}`)
})

test('frames from a non-batcher and undecodable frames are ignored; the first copy of a frame number wins', async () => {
  nextFrameIndex = 1n
  const good = framesOf([batch(1n, 2n, [tx(1)])])
  const forged = framesOf([batch(1n, 2n, [tx(9), tx(9)])], { submitter: STRANGER })
  const garbage = rawFrame(Uint8Array.of(7, 7, 7))
  // same channel id and frame number as `good`, different data, posted later: ignored
  const copy = rawFrame(encodeFrame({ channelId: new Uint8Array(16).fill(1), frameNumber: 0, data: Uint8Array.of(1), isLast: true }))
  const { target, events } = await run(new Map([[3n, { frames: [...forged, garbage, ...good, copy] }]]), 1n, 3n)
  assert.deepEqual(target.blocks.map((b) => b.txs), [[tx(1)]])
  assert.deepEqual(events.filter((e) => e.kind === 'frameIgnored').map((e) => (e.kind === 'frameIgnored' ? e.reason : '')), [
    `submitter ${STRANGER} is not a batcher of the chain`,
    'frame too short: 3 bytes, a frame has at least 24',
  ])
  // a copy of frame 0 of a completed channel changes nothing
  const events2 = (await run(new Map([[3n, { frames: [...good, good[0]!] }]]), 1n, 3n)).events
  assert.equal(events2.filter((e) => e.kind === 'blockDerived').length, 1)
})

test('a channel not complete within the sequencing window is dropped; its late last frame derives nothing', async () => {
  nextFrameIndex = 1n
  const blocks = [batch(1n, 3n, [tx(1)])]
  const bytes = encodeChannel(blocks, 'zlib')
  const id = channelIdOf(blocks, keccak256(bytes))
  const half = Math.floor(bytes.length / 2)
  const f0 = rawFrame(encodeFrame({ channelId: id, frameNumber: 0, data: bytes.slice(0, half), isLast: false }))
  const f1 = rawFrame(encodeFrame({ channelId: id, frameNumber: 1, data: bytes.slice(half), isLast: true }))
  const { target, events } = await run(new Map([[3n, { frames: [f0] }], [3n + W, { frames: [f1] }]]), 1n, 3n + W)
  assert.equal(target.blocks.length, 0)
  assert.deepEqual(events.map((e) => e.kind), ['channelTimedOut'])
  // one momentum earlier it completes
  nextFrameIndex = 1n
  const f0b = rawFrame(f0.bytes)
  const f1b = rawFrame(f1.bytes)
  const ok = await run(new Map([[3n, { frames: [f0b] }], [2n + W, { frames: [f1b] }]]), 1n, 2n + W)
  assert.equal(ok.target.blocks.length, 1)
})

test('a channel that does not decompress is invalid as a whole', async () => {
  nextFrameIndex = 1n
  const bogus = Uint8Array.of(1, 0xde, 0xad, 0xbe, 0xef)
  const frame = rawFrame(encodeFrame({ channelId: new Uint8Array(16).fill(2), frameNumber: 0, data: bogus, isLast: true }))
  const { target, events } = await run(new Map([[3n, { frames: [frame] }]]), 1n, 3n)
  assert.equal(target.blocks.length, 0)
  assert.equal(events.length, 1)
  const [event] = events
  assert.equal(event?.kind, 'channelInvalid')
  assert.equal(event?.kind === 'channelInvalid' ? event.reason : '', 'decompression failed: incorrect header check')
})

test('a tx that cannot be included: deposit-only block with the same number, timestamp and origin; the rest of the channel is dropped', async () => {
  nextFrameIndex = 1n
  const d1 = deposit(1n, 2n)
  const blocks = [batch(1n, 2n, [tx(1)]), batch(2n, 3n, [tx(2), Uint8Array.of(0xff, 1)]), batch(3n, 3n, [tx(3)]), batch(4n, 3n, [])]
  const { target, events } = await run(new Map<bigint, Partial<MomentumInput>>([[2n, { deposits: [d1] }], [4n, { frames: framesOf(blocks) }]]), 1n, 5n)
  assert.deepEqual(
    target.blocks.map((b) => [b.number, b.timestamp, b.origin.height, b.deposits.length, b.txs.length]),
    [
      [1n, blocks[0]!.timestamp, 2n, 1, 1],
      [2n, blocks[1]!.timestamp, 3n, 0, 0],
    ],
  )
  const derived = events.filter((e) => e.kind === 'blockDerived')
  assert.equal(derived[1]?.kind === 'blockDerived' && derived[1].source, 'depositOnly')
  assert.equal(derived[1]?.kind === 'blockDerived' && derived[1].reason, 'tx 0 cannot be included')
  assert.deepEqual(events.at(-1), {
    kind: 'batchInvalid',
    number: 3n,
    reason: 'an earlier block of its channel (2) had a transaction that cannot be included',
    droppedAfter: 1,
  })
})

test('header rules: each broken rule drops the block and the rest of its channel, with its reason', async () => {
  const cases: [string, BatchBlock[], string][] = [
    ['gap', [batch(2n, 13n)], 'block 2 does not follow the head 0'],
    ['timestamp', [batch(1n, 13n, [], 0n)], 'timestamp 0 is not after the parent\'s 0'],
    ['future origin', [batch(1n, 19n)], 'origin 19 is after the momentum 15 that carried the batch'],
    ['window', [batch(1n, 15n - W)], `origin ${15n - W} is ${W} or more momentums before the momentum 15 that carried the batch`],
    ['origin before timestamp', [batch(1n, 14n, [], 1_000n)], `timestamp 1000 is before its origin's ${momentum(14n).timestamp}`],
  ]
  for (const [name, blocks, reason] of cases) {
    nextFrameIndex = 1n
    const { target, events } = await run(new Map([[15n, { frames: framesOf(blocks) }]]), 15n - W, 15n)
    assert.equal(target.blocks.length, 0, name)
    assert.deepEqual(events, [{ kind: 'batchInvalid', number: blocks[0]!.number, reason, droppedAfter: 0 }], name)
  }
  // non-canonical origin hash
  nextFrameIndex = 1n
  const forged = { ...batch(1n, 3n), originHash: new Uint8Array(32).fill(9) }
  const { events } = await run(new Map([[5n, { frames: framesOf([forged, batch(2n, 3n)]) }]]), 1n, 5n)
  assert.deepEqual(events, [
    { kind: 'batchInvalid', number: 1n, reason: `origin 3 has hash 0x${'09'.repeat(32)}, the canonical momentum has 0x${Buffer.from(momentum(3n).hash).toString('hex')}`, droppedAfter: 1 },
  ])
  // origin going backwards; an old block is skipped and the channel goes on
  nextFrameIndex = 1n
  const first = framesOf([batch(1n, 4n)])
  const second = framesOf([batch(1n, 4n), batch(2n, 4n), batch(3n, 3n, [], 2_000n), batch(4n, 4n)])
  const back = await run(new Map([[5n, { frames: first }], [6n, { frames: second }]]), 1n, 6n)
  assert.deepEqual(
    back.events.map((e) => (e.kind === 'blockDerived' ? `derived ${e.number}` : e.kind === 'batchSkipped' || e.kind === 'batchInvalid' ? `${e.kind} ${e.number}: ${e.reason}` : e.kind)),
    ['derived 1', 'batchSkipped 1: block 1 is already derived (head 1)', 'derived 2', 'batchInvalid 3: origin 3 is behind the parent\'s origin 4'],
  )
})

test('forced deposits: a deposit no batch included is derived in a deposit-only block at momentumHeight + sequencingWindow', async () => {
  nextFrameIndex = 1n
  const d1 = deposit(1n, 3n)
  const d2 = deposit(2n, 3n)
  const d3 = deposit(3n, 4n)
  const inputs = new Map<bigint, Partial<MomentumInput>>([
    [3n, { deposits: [d1, d2] }],
    [4n, { deposits: [d3] }],
  ])
  const before = await run(inputs, 1n, 2n + W)
  assert.equal(before.target.blocks.length, 0)
  const { target, events } = await run(inputs, 1n, 4n + W)
  assert.deepEqual(
    target.blocks.map((b) => [b.number, b.origin.height, b.timestamp, b.deposits.map((d) => d.sourceHash), b.txs.length]),
    [
      [1n, 3n, momentum(3n).timestamp, [d1.tx.sourceHash, d2.tx.sourceHash], 0],
      [2n, 4n, momentum(4n).timestamp, [d3.tx.sourceHash], 0],
    ],
  )
  assert.deepEqual(
    events.map((e) => (e.kind === 'blockDerived' ? [e.number, e.source, e.derivedAt] : e.kind)),
    [
      [1n, 'forced', 3n + W],
      [2n, 'forced', 4n + W],
    ],
  )
  // a batch that included them in time prevents forcing
  nextFrameIndex = 1n
  const inTime = await run(new Map<bigint, Partial<MomentumInput>>([...inputs, [5n, { frames: framesOf([batch(1n, 4n, [tx(1)])]) }]]), 1n, 4n + W)
  assert.deepEqual(inTime.target.blocks.map((b) => [b.number, b.deposits.length, b.txs.length]), [[1n, 3, 1]])
})

test('inputs out of order are refused with a typed error', async () => {
  const target = memoryTarget()
  const derivation = createDerivation({ target, sequencingWindow: W, batchers: [BATCHER] })
  await derivation.processMomentum({ momentum: momentum(1n), deposits: [], frames: [] })
  await assert.rejects(derivation.processMomentum({ momentum: momentum(3n), deposits: [], frames: [] }), (e: Error) => e instanceof DerivationInputError && e.message === 'momentum 3 read after 1: momentums must follow each other')
  await assert.rejects(derivation.processMomentum({ momentum: momentum(2n), deposits: [deposit(2n, 2n)], frames: [] }).then(() => derivation.processMomentum({ momentum: momentum(3n), deposits: [deposit(4n, 3n)], frames: [] })), {
    name: 'DerivationInputError',
    message: 'deposit 4 read where 3 was next',
  })
})
