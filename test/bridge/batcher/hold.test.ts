/**
 * The batcher holds channels open (bridge/batcher/channelCut.ts) on a real devnet + anchor + L2
 * node. The batcher sees the node's head only up to a cap the test raises block by block, and the
 * age rule reads an injected clock, so every channel boundary below is exact, not timing luck: each
 * step waits for two batcher passes (two reads of the head) before it looks at what was posted.
 * The sequencing window is 1,000 momentums, so the window rule never cuts here (channelCut.test.ts
 * has it).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { SealedBlock } from '../../../node/backend.ts'
import { batchBlockOf } from '../../../node/batch/batchBlock.ts'
import { BatcherStoppedError } from '../../../bridge/batcher/errors.ts'
import type { BatcherOptions } from '../../../bridge/batcher/createBatcher.ts'
import { COIN } from '../../../nom/constants.ts'
import { DepositABI } from '../../../contracts/anchor/abi.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import { startBatcherHarness, type BatcherHarness } from './batcherHarness.ts'
import { assertBatchesMatchNode, assertCommitments } from './anchorAssertions.ts'

/** The node as the batcher sees it: the head capped (at genesis first); `passes` counts the batcher's head reads. */
async function cappedNode(h: BatcherHarness) {
  const backend = h.node.backend
  let capBlock: SealedBlock = (await backend.chain.getBlockByNumber(0n))!
  const view = {
    passes: 0,
    node: {
      chain: {
        head: () => {
          view.passes++
          const real = backend.chain.head()
          return real.block.header.number <= capBlock.block.header.number ? real : capBlock
        },
        getBlockByNumber: (n: bigint) => backend.chain.getBlockByNumber(n),
      },
      stateAt: backend.stateAt,
      events: backend.events,
    } satisfies BatcherOptions['node'],
    /** Waits for the node to seal block n and shows the batcher blocks up to n. */
    async capAt(n: bigint) {
      await h.waitFor(`block ${n}`, () => backend.chain.head().block.header.number >= n)
      capBlock = (await backend.chain.getBlockByNumber(n))!
    },
    /** capAt(n), then waits for two batcher passes. */
    async showUpTo(n: bigint) {
      await view.capAt(n)
      await view.twoPasses()
    },
    async twoPasses() {
      const from = view.passes
      await h.waitFor('two batcher passes', () => view.passes >= from + 2)
    },
  }
  return view
}

const channelsOf = async (h: BatcherHarness) => (await h.readAnchorBatches()).channels.map((c) => `${c.blocks[0]!.number}-${c.blocks.at(-1)!.number}`)
const postedLogs = (h: BatcherHarness) => h.logs.filter((l) => l.msg === 'channel posted' || l.msg === 'channel finished after restart').map((l) => `${l.blocks} ${l.reason}`)

test('idle chain: one channel per commitment interval, cut the pass its block appears; age (injected clock), drain, maxChannelBlocks and bytes cut exactly', async () => {
  const h = await startBatcherHarness({ params: { sequencingWindow: 1000n } })
  try {
    const view = await cappedNode(h)
    let clock = 0
    const batcher = h.batcher({ node: view.node, now: () => clock, maxChannelAgeMs: 5000, commitIntervalBlocks: 10n })
    await h.waitFor('block 12 sealed (the batcher sees only the capped head)', () => h.node.backend.chain.head().block.header.number >= 12n)
    await batcher.start()

    // Blocks 1…20 appear one at a time: nothing is posted until the commitment block, which is cut at once.
    for (let n = 1n; n <= 20n; n++) {
      await view.showUpTo(n)
      assert.equal(batcher.status().channelsPosted, Number(n / 10n), `channels posted once block ${n} is visible`)
    }
    await h.waitFor('commitment of block 20', () => batcher.status().lastCommittedBlock >= 20n)
    assert.deepEqual(await channelsOf(h), ['1-10', '11-20'])
    assert.deepEqual(postedLogs(h), ['1-10 commitment', '11-20 commitment'])
    assert.equal(batcher.status().framesPosted, 2, 'one frame per channel')
    assert.deepEqual(h.logs.filter((l) => l.msg === 'channel posted').map((l) => l.head), ['10', '20'], 'cut while the commitment block was the head')

    // Age: block 21 is first read at clock 0 (its timestamp is later); held until the clock
    // reaches maxChannelAgeMs, then 21…25 are cut.
    await view.showUpTo(25n)
    clock = 4999
    await view.twoPasses()
    assert.equal(batcher.status().channelsPosted, 2, 'held 1 ms before the age limit')
    clock = 5000
    await view.twoPasses()
    assert.equal(batcher.status().channelsPosted, 3)
    assert.deepEqual((await channelsOf(h)).at(-1), '21-25')

    // Drain: 26…28 posted now, without any rule; drain resolves once they are on the anchor.
    clock = 0
    await view.showUpTo(28n)
    assert.equal(batcher.status().channelsPosted, 3)
    await batcher.drain()
    assert.equal(batcher.status().lastPostedBlock, 28n)
    await view.twoPasses()
    assert.deepEqual(postedLogs(h).slice(2), ['21-25 age', '26-28 drain'])
    await batcher.stop()
    await assert.rejects(batcher.drain(), new BatcherStoppedError('the batcher is not running'))

    // maxChannelBlocks 4 (a new instance resumes from the anchor): 29…40 at once cut into full channels.
    const blocks = h.batcher({ node: view.node, now: () => 0, maxChannelBlocks: 4, commitIntervalBlocks: 10n })
    await blocks.start()
    await view.showUpTo(40n)
    await h.waitFor('block 40 posted', () => blocks.status().lastPostedBlock >= 40n)
    await view.twoPasses()
    assert.deepEqual(postedLogs(h).slice(4), ['29-30 commitment', '31-34 blocks', '35-38 blocks', '39-40 commitment'])
    await blocks.stop()

    // Bytes (limit 1 byte): the idle blocks before the first block with a transaction fill no
    // channel; that block would overflow it (the range before it is cut), and is full on its own.
    const bytes = h.batcher({ node: view.node, now: () => 0, maxChannelBytes: 1, commitIntervalBlocks: 1000n })
    await h.waitFor('block 45', () => h.node.backend.chain.head().block.header.number >= 45n)
    await h.sendTxs(1)
    let k = 41n
    for (;; k++) {
      await h.waitFor(`block ${k}`, () => h.node.backend.chain.head().block.header.number >= k)
      if (batchBlockOf((await h.node.backend.chain.getBlockByNumber(k))!).txs.length > 0) break
    }
    assert.ok(k > 41n, 'the transaction is not in the first block after the drain')
    await bytes.start()
    await view.showUpTo(k + 1n)
    await h.waitFor(`block ${k} posted`, () => bytes.status().lastPostedBlock >= k)
    await view.twoPasses()
    assert.deepEqual(postedLogs(h).slice(8), [`41-${k - 1n} bytes`, `${k}-${k} bytes`], 'block after the tx block held')
    assert.equal(bytes.status().lastPostedBlock, k)
    // A drain the batcher stops under rejects (block k + 1 was held, nothing of it known posted).
    const drainRejected = assert.rejects(bytes.drain(), new BatcherStoppedError(`the batcher stopped before block ${k + 1n} was posted`))
    await bytes.stop()
    await drainRejected

    const batches = await h.readAnchorBatches()
    await assertBatchesMatchNode(h, batches, k)
    await assertCommitments(h, batches, 10n)
  } finally {
    await h.stop()
  }
})

test('restart: a channel the anchor holds part of is finished at once although no cut rule holds for the new instance', async () => {
  const h = await startBatcherHarness({ params: { sequencingWindow: 1000n }, batcherIndices: [9, 10] })
  try {
    await h.sendTxs(10, 30_000)
    await h.waitFor('the big txs sealed', () => h.node.backend.txpool.status().pending === 0)
    const view = await cappedNode(h)
    const end = h.node.backend.chain.head().block.header.number
    // The first instance cuts by age (clock far ahead) and is stopped a few frames in.
    const first = h.batcher({ node: view.node, now: () => Number.MAX_SAFE_INTEGER, commitIntervalBlocks: 1000n })
    await view.capAt(end)
    await first.start()
    await h.waitFor('a few frames', () => first.status().framesPosted >= 4)
    await first.stop()
    assert.equal(first.status().channelsPosted, 0, 'stopped in the middle of the channel')
    const postedBefore = first.status().framesPosted

    // The second instance's clock never makes anything old, and more blocks are visible: it
    // finishes 1…end with the missing frames only, then holds the rest.
    const second = h.batcher({ node: view.node, now: () => 0, commitIntervalBlocks: 1000n })
    await second.start()
    await view.showUpTo(end + 3n)
    await h.waitFor(`block ${end} posted`, () => second.status().lastPostedBlock >= end)
    await view.twoPasses()
    const resumed = h.logs.filter((l) => l.msg === 'channel finished after restart')
    assert.equal(resumed.length, 1)
    assert.equal(resumed[0]!.blocks, `1-${end}`)
    assert.equal(resumed[0]!.reason, 'resume')
    assert.equal(Number(resumed[0]!.frames) + postedBefore, Number(resumed[0]!.totalFrames))
    assert.equal(second.status().channelsPosted, 1, `blocks after ${end} held`)
    assert.equal(second.status().lastPostedBlock, end)
    await second.stop()
    const batches = await h.readAnchorBatches()
    assert.deepEqual(batches.channels.map((c) => `${c.blocks[0]!.number}-${c.blocks.at(-1)!.number}`), [`1-${end}`])
    await assertBatchesMatchNode(h, batches, end)
  } finally {
    await h.stop()
  }
})

test('a held block with a user deposit: the window rule reads the deposit\'s momentum from the anchor (logged with its channel)', async () => {
  const h = await startBatcherHarness({ params: { sequencingWindow: 1000n } })
  try {
    const outcome = await callAnchor(h.ac.client, h.ac.roles.user, DepositABI.encode({ chainId: h.ac.chainId, l2Recipient: new Uint8Array(20).fill(0x42) }), { amount: 3n * COIN, pollMs: 30 })
    assert.equal(outcome.ok, true)
    await h.waitFor('the deposit on L2', () => h.node.backend.chain.head().lastDepositSourceHash !== undefined)
    let b = 1n
    while (((await h.node.backend.chain.getBlockByNumber(b))!.deposits?.length ?? 0) < 2) b++
    const momentum = BigInt((await h.ac.anchor('getDeposit', [h.ac.chainId.toString(), 1])).momentumHeight)
    assert.ok(b > 1n)

    const view = await cappedNode(h)
    const batcher = h.batcher({ node: view.node, now: () => 0, commitIntervalBlocks: 1000n })
    await batcher.start()
    await view.showUpTo(b - 1n)
    await batcher.drain()
    await view.showUpTo(b + 2n)
    await batcher.drain()
    await view.twoPasses()
    const posted = h.logs.filter((l) => l.msg === 'channel posted').map((l) => [l.blocks, l.reason, l.oldestDepositMomentum])
    assert.deepEqual(posted, [
      [`1-${b - 1n}`, 'drain', undefined],
      [`${b}-${b + 2n}`, 'drain', momentum.toString()],
    ])
    await batcher.stop()
  } finally {
    await h.stop()
  }
})
