/**
 * The proposer after a fraud verdict (contracts/anchor/SPEC.md §3.9: commitments index… deleted,
 * nextCommitmentIndex = index): the running instance, and a new one started after the verdict,
 * propose the deleted index again with the right output root over the frames already on the anchor.
 * And stop while an anchor call is in flight: the NoM client may be closed at once, nothing is left
 * polling (no unhandled rejection).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FlagABI, ResolveFlagABI } from '../../../contracts/anchor/abi.ts'
import { callAnchor } from '../../../contracts/anchor/rpc/anchorCall.ts'
import { fromHex } from '../../../nom/hash.ts'
import { createNoMClient, type NoMClient } from '../../../nom/rpc/client.ts'
import type { Batcher } from '../../../bridge/batcher/createBatcher.ts'
import { startBatcherHarness, type BatcherHarness } from './batcherHarness.ts'

const QUORUM = 3

/** Flags commitment `index` (flagger) and resolves it as fraud (guardians 0…quorum−1). */
async function resolveAsFraud(h: BatcherHarness, index: bigint): Promise<void> {
  const { client, chainId, roles } = h.ac
  const flagBond = BigInt((await h.ac.anchor('getChain', [chainId.toString()])).flagBond)
  const outputRoot = fromHex((await h.ac.anchor('getCommitment', [chainId.toString(), index.toString()])).outputRoot)
  const flag = await callAnchor(client, roles.flagger, FlagABI.encode({ chainId, index, outputRoot }), { amount: flagBond, pollMs: 30 })
  assert.deepEqual(flag, { ok: true, sendHash: flag.sendHash })
  for (const guardian of roles.guardians.slice(0, QUORUM)) {
    const vote = await callAnchor(client, guardian, ResolveFlagABI.encode({ chainId, index, outputRoot, fraud: true }), { pollMs: 30 })
    assert.deepEqual(vote, { ok: true, sendHash: vote.sendHash })
  }
  assert.equal(BigInt((await h.ac.anchor('getChain', [chainId.toString()])).nextCommitmentIndex), index)
}

/** The node's output root of block n as the anchor's read API writes it (hex without 0x). */
async function rootAt(h: BatcherHarness, n: bigint): Promise<string> {
  return (await h.outputRootOverRPC(n)).replace(/^0x/, '')
}

async function commitmentOf(h: BatcherHarness, block: bigint): Promise<Record<string, any> | undefined> {
  const list = (await h.ac.anchor('getCommitments', [h.ac.chainId.toString(), 0, 1024])).list as Record<string, any>[]
  return list.find((c) => BigInt(c.l2BlockNumber) === block)
}

/**
 * Waits until block n is committed again after the verdict deleted `wrong`: at the same index, with
 * the node's output root, naming the same frames.
 */
async function expectProposedAgain(h: BatcherHarness, n: bigint, wrong: Record<string, any>, what: string): Promise<void> {
  await h.waitFor(what, async () => {
    const c = await commitmentOf(h, n)
    return c !== undefined && c.sendHash !== wrong.sendHash
  })
  const right = (await commitmentOf(h, n))!
  assert.equal(right.index, wrong.index)
  assert.equal(right.outputRoot, await rootAt(h, n))
  assert.equal(right.framesHash, wrong.framesHash)
}

/** Waits until block n is committed, and checks its root is the node's. */
async function expectCommitted(h: BatcherHarness, n: bigint, what: string): Promise<void> {
  await h.waitFor(what, async () => (await commitmentOf(h, n)) !== undefined)
  assert.equal((await commitmentOf(h, n))!.outputRoot, await rootAt(h, n))
}

test('after a fraud verdict the proposer proposes the deleted index again with the right root, naming the same frames (running instance, then a restarted one)', async () => {
  const h = await startBatcherHarness()
  const running: Batcher[] = []
  try {
    // The fault switch asks for a wrong root at 10 every time, and at 20 once the first verdict is in
    // (the proposer may reach block 20 before the guardians' votes land; the verdict then deletes that
    // commitment too); it fires once per block per instance.
    let armed20 = false
    const faults = { wrongOutputRoot: (n: bigint) => n === 10n || (n === 20n && armed20) }
    const first = h.batcher({ faults, commitIntervalBlocks: 5n })
    running.push(first)
    await first.start()

    // Running instance: block 10 (index 2) committed wrong, resolved as fraud while it runs.
    await h.waitFor('the wrong commitment of block 10', async () => (await commitmentOf(h, 10n)) !== undefined)
    const wrong10 = (await commitmentOf(h, 10n))!
    assert.equal(BigInt(wrong10.index), 2n)
    assert.notEqual(wrong10.outputRoot, await rootAt(h, 10n))
    await resolveAsFraud(h, 2n)
    armed20 = true
    await expectProposedAgain(h, 10n, wrong10, 'block 10 proposed again')
    assert.ok(h.logs.some((l) => l.msg === 'the anchor took commitments back; proposing again from there' && l.nextCommitmentIndex === '2'))

    // Block 20 (index 4) committed wrong; the batcher stops; the verdict; a new instance proposes it again.
    await h.waitFor('the wrong commitment of block 20', async () => {
      const c = await commitmentOf(h, 20n)
      return c !== undefined && c.outputRoot !== (await rootAt(h, 20n))
    })
    await first.stop()
    const wrong20 = (await commitmentOf(h, 20n))!
    assert.equal(BigInt(wrong20.index), 4n)
    assert.notEqual(wrong20.outputRoot, await rootAt(h, 20n))
    // Everything after index 4 goes too.
    const framesBefore = (await h.readAnchorBatches()).frames.length
    await resolveAsFraud(h, 4n)
    const second = h.batcher({ commitIntervalBlocks: 5n })
    running.push(second)
    await second.start()
    await expectProposedAgain(h, 20n, wrong20, 'block 20 proposed again by the new instance')
    await expectCommitted(h, 25n, 'block 25 committed')

    // No frame posted twice, no block missing; the frames before the verdict are all still used.
    const batches = await h.readAnchorBatches()
    assert.deepEqual(batches.duplicateFrames, [])
    assert.ok(batches.frames.length >= framesBefore)
    const delivered = batches.channels.flatMap((c) => c.blocks.map((b) => b.number))
    assert.deepEqual(delivered, delivered.map((_, i) => BigInt(i + 1)))
    assert.equal(second.status().lastError, undefined)
    assert.equal(second.status().lastCommitmentIndex >= 5n, true)
  } finally {
    for (const b of running) await b.stop()
    await h.stop()
  }
})

test('a verdict landing between the proposer\'s read of nextCommitmentIndex and its read of the newest commitment: the proposer still proposes the deleted index again', async () => {
  const h = await startBatcherHarness()
  let batcher: Batcher | undefined
  try {
    // The proposer reads getChain, then getCommitment(nextCommitmentIndex − 1) and forgets the
    // frames it read up to that commitment's block. Armed, the second getCommitment (the first one
    // after the proposer forgot block 10's frames) waits for the verdict deleting index 2…, so the
    // read finds nothing at an index the getChain read said exists.
    let verdictBeforeRead: Promise<void> | undefined
    let armed = false
    let readsArmed = 0
    const client = Object.create(h.ac.client) as NoMClient
    client.call = async (method, params, options) => {
      if (armed && method === 'embedded.anchor.getCommitment' && ++readsArmed === 2) {
        armed = false
        verdictBeforeRead = resolveAsFraud(h, 2n)
        await verdictBeforeRead
      }
      return h.ac.client.call(method, params, options)
    }
    batcher = h.batcher({ client, faults: { wrongOutputRoot: (n) => n === 10n }, commitIntervalBlocks: 5n })
    await batcher.start()
    await h.waitFor('the wrong commitment of block 10', async () => (await commitmentOf(h, 10n)) !== undefined)
    const wrong10 = (await commitmentOf(h, 10n))!
    assert.equal(BigInt(wrong10.index), 2n)
    armed = true
    await h.waitFor('the verdict between the reads', () => verdictBeforeRead !== undefined)
    await verdictBeforeRead
    await expectProposedAgain(h, 10n, wrong10, 'block 10 proposed again')
    await expectCommitted(h, 15n, 'block 15 committed after it')
    assert.ok(h.logs.some((l) => l.msg === 'the anchor took commitments back; proposing again from there' && l.nextCommitmentIndex === '2'))
    assert.deepEqual(h.logs.filter((l) => l.level === 'error'), [])
  } finally {
    await batcher?.stop()
    await h.stop()
  }
})

test('stop while an anchor call is in flight, then close the NoM client at once: nothing is left polling, no unhandled rejection', async () => {
  const h = await startBatcherHarness()
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', onUnhandled)
  try {
    for (let round = 0; round < 3; round++) {
      const client = createNoMClient({ url: h.ac.devnet.wsUrl })
      const batcher = h.batcher({ client, commitIntervalBlocks: 2n })
      await batcher.start()
      // In flight: a frame was published and its receive is being waited for.
      const posted = batcher.status().framesPosted
      await h.waitFor('a frame published', () => batcher.status().framesPosted > posted)
      await batcher.stop()
      // Every request after stop is recorded (an abandoned wait would keep polling the send).
      const after: string[] = []
      const byHash = client.getAccountBlockByHash.bind(client)
      client.getAccountBlockByHash = (hash) => {
        after.push('getAccountBlockByHash')
        return byHash(hash)
      }
      await client.close()
      assert.equal(batcher.status().running, false)
      // Several poll periods (50 ms) for an abandoned wait to fail against the closed client.
      await new Promise((r) => setTimeout(r, 400))
      assert.deepEqual(after, [])
    }
    assert.deepEqual(unhandled, [])
  } finally {
    process.off('unhandledRejection', onUnhandled)
    await h.stop()
  }
})
