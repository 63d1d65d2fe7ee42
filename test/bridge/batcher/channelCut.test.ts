import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { channelCut, DEFAULT_MAX_CHANNEL_AGE_MS, type ChannelCutInput } from '../../../bridge/batcher/channelCut.ts'

type Over = Partial<ChannelCutInput> & { sizes?: Record<string, number>; deposits?: Record<string, bigint> }

/**
 * Block n has `sizes[n]` tx bytes (0 when not listed) and a user deposit of momentum `deposits[n]`
 * (none when not listed); block `start` is timestamped 1,000 s, was first read by the batcher later
 * than that (so its timestamp counts), and has origin 500.
 */
const input = (over: Over = {}): ChannelCutInput => {
  const { sizes = {}, deposits = {}, ...rest } = over
  return {
    start: 1n,
    head: 5n,
    commitmentBlock: 10n,
    maxChannelBlocks: 100,
    maxChannelBytes: 1000,
    heldBlock: async (n) => ({ txBytes: sizes[n.toString()] ?? 0, depositMomentum: deposits[n.toString()] }),
    oldest: { timestamp: 1000n, seenMs: 1_005_000, originHeight: 500n },
    frontier: 501n,
    sequencingWindow: 60n,
    nowMs: 1_000_000,
    maxChannelAgeMs: 12_000,
    drainTo: 0n,
    ...rest,
  }
}

/** channelCut's end and reason (the momentums are checked in the window tests). */
async function cutOf(over: Over = {}) {
  const cut = await channelCut(input(over))
  return cut === undefined ? undefined : { end: cut.end, reason: cut.reason }
}

describe('channelCut', () => {
  test('an idle range short of every limit is held; nothing to cut past the head', async () => {
    assert.equal(await cutOf(), undefined)
    assert.equal(await cutOf({ start: 6n }), undefined)
  })

  test('commitment: the range reaching the commitment block is cut there at once, even with more blocks sealed', async () => {
    assert.deepEqual(await cutOf({ head: 10n }), { end: 10n, reason: 'commitment' })
    assert.deepEqual(await cutOf({ head: 14n }), { end: 10n, reason: 'commitment' })
    // A commitment block that is the start itself: a one-block channel.
    assert.deepEqual(await cutOf({ start: 10n, head: 10n }), { end: 10n, reason: 'commitment' })
  })

  test('blocks: maxChannelBlocks before the commitment block cuts a full channel; at the same block the commitment names it', async () => {
    assert.deepEqual(await cutOf({ head: 9n, maxChannelBlocks: 4 }), { end: 4n, reason: 'blocks' })
    assert.equal(await cutOf({ head: 3n, maxChannelBlocks: 4 }), undefined)
    assert.deepEqual(await cutOf({ head: 12n, maxChannelBlocks: 10 }), { end: 10n, reason: 'commitment' })
  })

  test('bytes: reaching maxChannelBytes exactly, or the next sealed block overflowing it, cuts before the other limits', async () => {
    assert.deepEqual(await cutOf({ sizes: { 2: 400, 3: 600 } }), { end: 3n, reason: 'bytes' })
    assert.deepEqual(await cutOf({ sizes: { 2: 400, 3: 601 } }), { end: 2n, reason: 'bytes' })
    // The overflowing block is the head: the range before it is full now.
    assert.deepEqual(await cutOf({ head: 3n, sizes: { 2: 400, 3: 601 } }), { end: 2n, reason: 'bytes' })
    // One block bigger than the limit is a channel of its own.
    assert.deepEqual(await cutOf({ sizes: { 1: 5000 } }), { end: 1n, reason: 'bytes' })
    assert.deepEqual(await cutOf({ start: 2n, sizes: { 2: 100, 3: 5000 } }), { end: 2n, reason: 'bytes' })
    // Under the limit: held.
    assert.equal(await cutOf({ sizes: { 1: 300, 2: 300, 3: 300 } }), undefined)
  })

  test('bytes are only read up to the full limit (not past the commitment block)', async () => {
    const read: bigint[] = []
    const cut = await cutOf({ head: 30n, commitmentBlock: 3n, heldBlock: async (n) => (read.push(n), { txBytes: 0, depositMomentum: undefined }) })
    assert.deepEqual(cut, { end: 3n, reason: 'commitment' })
    assert.deepEqual(read, [1n, 2n, 3n])
  })

  test('age: the oldest block maxChannelAgeMs old by its L2 timestamp cuts everything sealed, not before', async () => {
    assert.equal(await cutOf({ nowMs: 1_011_999 }), undefined)
    assert.deepEqual(await cutOf({ nowMs: 1_012_000 }), { end: 5n, reason: 'age' })
    // A timestamp ahead of the clock, and a block first read just now, is not old.
    assert.equal(await cutOf({ nowMs: 0, oldest: { timestamp: 1000n, seenMs: 0, originHeight: 500n } }), undefined)
    // 0 = every block at once.
    assert.deepEqual(await cutOf({ maxChannelAgeMs: 0 }), { end: 5n, reason: 'age' })
    assert.ok(DEFAULT_MAX_CHANNEL_AGE_MS > 0)
  })

  test('age: a block timestamped ahead of the clock is old from when the batcher first read it', async () => {
    const ahead = { timestamp: 2000n, seenMs: 1_000_000, originHeight: 500n }
    assert.equal(await cutOf({ oldest: ahead, nowMs: 1_011_999 }), undefined)
    assert.deepEqual(await cutOf({ oldest: ahead, nowMs: 1_012_000 }), { end: 5n, reason: 'age' })
  })

  test('window: half the sequencing window since the oldest origin cuts, whatever the clock says', async () => {
    assert.equal(await cutOf({ frontier: 529n, nowMs: 0 }), undefined)
    assert.deepEqual(await cutOf({ frontier: 530n, nowMs: 0 }), { end: 5n, reason: 'window' })
    assert.deepEqual(await cutOf({ frontier: 530n, nowMs: 0, sequencingWindow: 61n }), { end: 5n, reason: 'window' })
    // A window of 1 momentum leaves nothing to hold.
    assert.deepEqual(await cutOf({ frontier: 500n, nowMs: 0, sequencingWindow: 1n }), { end: 5n, reason: 'window' })
  })

  test('window: a held block with a user deposit older than the first origin counts from the deposit', async () => {
    // Deposit momentum 490 (carried over by the sequencer) in block 3: the window is measured from 490.
    assert.deepEqual(await channelCut(input({ frontier: 520n, nowMs: 0, deposits: { 3: 490n } })), { end: 5n, reason: 'window', oldestMomentum: 490n, oldestDepositMomentum: 490n })
    assert.equal(await channelCut(input({ frontier: 519n, nowMs: 0, deposits: { 3: 490n } })), undefined)
    // A deposit newer than the first origin changes nothing but is reported.
    assert.equal(await channelCut(input({ frontier: 529n, nowMs: 0, deposits: { 3: 502n } })), undefined)
    assert.deepEqual(await channelCut(input({ frontier: 530n, nowMs: 0, deposits: { 3: 502n, 4: 501n } })), { end: 5n, reason: 'window', oldestMomentum: 500n, oldestDepositMomentum: 501n })
    // A deposit in the block that would overflow the channel is not the channel's.
    assert.deepEqual(await channelCut(input({ nowMs: 0, sizes: { 2: 400, 3: 601 }, deposits: { 3: 10n } })), { end: 2n, reason: 'bytes', oldestMomentum: 500n, oldestDepositMomentum: undefined })
  })

  test('drain: blocks up to drainTo are cut now (with whatever is sealed after them); a drain already done holds nothing', async () => {
    assert.deepEqual(await cutOf({ drainTo: 3n }), { end: 5n, reason: 'drain' })
    assert.deepEqual(await cutOf({ drainTo: 1n }), { end: 5n, reason: 'drain' })
    assert.equal(await cutOf({ drainTo: 0n, start: 1n }), undefined)
    assert.equal(await cutOf({ start: 4n, drainTo: 3n }), undefined)
    // Full limits still end the channel first.
    assert.deepEqual(await cutOf({ head: 12n, drainTo: 12n }), { end: 10n, reason: 'commitment' })
  })
})
