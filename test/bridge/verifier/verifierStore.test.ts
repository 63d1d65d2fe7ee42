/**
 * The verifier's records in a node database: a processed momentum's ops, the newest checkpoint
 * loaded with its momentum window, completed channels, head changes and frames; the kept depth;
 * rewinding to a checkpoint or to the start; Flag / ResolveFlag records; the chain id guard.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../../node/db/database.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import { toHex } from '../../../nom/hash.ts'
import type { DerivationCheckpoint } from '../../../node/derivation/createDerivation.ts'
import { openVerifierStore, type MomentumRecord } from '../../../bridge/verifier/verifierStore.ts'
import { momentumKey } from '../../../bridge/verifier/storeKeys.ts'

const hash = (s: string) => keccak256(new TextEncoder().encode(s))
const W = 3n

/** The record of momentum h: a channel completes at 2 and 5, the head changes at 2 and 5, one frame per even momentum. */
function recordAt(h: bigint): MomentumRecord {
  const completedCount = h >= 5n ? 2 : h >= 2n ? 1 : 0
  const frames = h % 2n === 0n ? [{ index: h / 2n, framesHash: hash(`frames ${h}`) }] : []
  const derivation: DerivationCheckpoint = { position: h, deposits: [], nextDepositIndex: undefined, lastFrameIndex: h >= 2n ? h / 2n : undefined, channels: [], completedCount }
  return {
    momentum: { height: h, hash: hash(`m ${h}`), timestamp: 100n + h },
    head: { number: h >= 5n ? 4n : h >= 2n ? 1n : 0n, hash: hash(`head ${h >= 5n ? 4 : h >= 2n ? 1 : 0}`) },
    derivation,
    completedChannels: h === 2n || h === 5n ? [{ channelId: hash(`ch ${h}`).slice(0, 16), completedAt: h }] : [],
    headChanged: h === 2n || h === 5n,
    frames,
  }
}

test('verifier store: checkpoints per momentum, the kept depth, loading, rewinds, call records, chain guard', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-verifier-store-'))
  try {
    let db = await openDatabase(dir)
    let store = await openVerifierStore(db, 7n, { checkpointDepth: 4n })
    assert.equal(await store.load(W), undefined)
    for (let h = 1n; h <= 9n; h++) await db.write(store.momentumOps(recordAt(h), W))
    assert.deepEqual(await store.checkpointHeights(), [6n, 7n, 8n, 9n])
    const loaded = (await store.load(W))!
    assert.equal(loaded.checkpoint.height, 9n)
    assert.equal(toHex(loaded.checkpoint.momentumHash), toHex(hash('m 9')))
    assert.deepEqual(loaded.checkpoint.head.number, 4n)
    assert.deepEqual(loaded.momentums.map((m) => m.height), [6n, 7n, 8n, 9n])
    assert.deepEqual(loaded.completedChannels.map((c) => c.completedAt), [2n, 5n])
    assert.deepEqual(loaded.headChanges, [{ height: 2n, head: 1n }, { height: 5n, head: 4n }])
    assert.deepEqual([...loaded.framesRead.values()], [2n, 4n, 6n, 8n])
    // momentums are kept back to the oldest checkpoint − sequencingWindow (6 − 3)
    assert.equal(await db.get('meta', momentumKey(2n)), undefined)
    assert.notEqual(await db.get('meta', momentumKey(3n)), undefined)

    // rewind to checkpoint 6: what momentums 7–9 added is gone, in one batch the caller writes
    const at6 = (await store.checkpoint(6n))!
    await db.write(await store.rewindOps(at6))
    const back = (await store.load(W))!
    assert.equal(back.checkpoint.height, 6n)
    assert.deepEqual(await store.checkpointHeights(), [6n])
    assert.deepEqual(back.momentums.map((m) => m.height), [3n, 4n, 5n, 6n])
    assert.deepEqual([...back.framesRead.values()], [2n, 4n, 6n])
    assert.deepEqual(back.completedChannels.length, 2)
    // to checkpoint-less start
    await db.write(await store.rewindOps(undefined))
    assert.equal(await store.load(W), undefined)
    assert.deepEqual(await store.checkpointHeights(), [])

    // call records survive a reopen; the same commitment's record is replaced
    const commitment = hash('commitment 3')
    await store.putFlag({ index: 3n, commitmentSendHash: commitment, state: 'sending' })
    await store.putFlag({ index: 3n, commitmentSendHash: commitment, state: 'sent', sendHash: hash('flag send') })
    await store.putVote({ index: 3n, commitmentSendHash: commitment, flaggedAt: 40n, fraud: true, state: 'refused', sendHash: hash('vote send'), error: 'guardian already voted' })
    await db.close()
    db = await openDatabase(dir)
    store = await openVerifierStore(db, 7n, { checkpointDepth: 4n })
    assert.deepEqual(await store.flags(), [{ index: 3n, commitmentSendHash: commitment, state: 'sent', sendHash: hash('flag send') }])
    assert.deepEqual(await store.votes(), [{ index: 3n, commitmentSendHash: commitment, flaggedAt: 40n, fraud: true, state: 'refused', sendHash: hash('vote send'), error: 'guardian already voted' }])

    await assert.rejects(openVerifierStore(db, 8n, { checkpointDepth: 4n }), { name: 'VerifierStoreError', message: "the data dir's verifier records are for chain 7, not 8" })
    await db.close()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
