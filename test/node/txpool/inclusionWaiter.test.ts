import assert from 'node:assert/strict'
import { test } from 'node:test'
import { keccak_256 as keccak256 } from '@noble/hashes/sha3.js'
import { createInclusionWaiter } from '../../../node/txpool/inclusionWaiter.ts'
import { ADDRESSES, GWEI, createPoolFixture, hex as hexOf, signTx } from './fixtures.ts'

/** Resolves to true if `promise` settles within a few event-loop turns. */
async function settles(promise: Promise<void>): Promise<boolean> {
  let done = false
  void promise.then(() => (done = true))
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
  return done
}

test('a pending tx waits until a block includes it; other blocks with txs do not end the wait', async () => {
  const fixture = await createPoolFixture()
  try {
    const waiter = createInclusionWaiter(fixture.pool, () => GWEI)
    const mine = await fixture.pool.add(signTx({ nonce: 0n }, fixture.common))
    const other = await fixture.pool.add(signTx({ key: 1, nonce: 0n }, fixture.common))
    const waiting = waiter.wait(mine)
    assert.equal(await settles(waiting), false)
    waiter.blockSealed([other])
    assert.equal(await settles(waiting), false)
    waiter.blockSealed([mine])
    assert.equal(await settles(waiting), true)
  } finally {
    await fixture.cleanup()
  }
})

test('a tx of the last block still in the pool (bookkeeping not run yet) is not waited for', async () => {
  const fixture = await createPoolFixture()
  try {
    const waiter = createInclusionWaiter(fixture.pool, () => GWEI)
    const mine = await fixture.pool.add(signTx({ nonce: 0n }, fixture.common))
    waiter.blockSealed([mine])
    assert.equal(fixture.pool.isPending(mine), true)
    assert.equal(await settles(waiter.wait(mine)), true)
  } finally {
    await fixture.cleanup()
  }
})

test('queued (nonce gap) and unknown txs are not waited for', async () => {
  const fixture = await createPoolFixture()
  try {
    const waiter = createInclusionWaiter(fixture.pool, () => GWEI)
    const queued = await fixture.pool.add(signTx({ nonce: 5n }, fixture.common))
    assert.equal(fixture.pool.isPending(queued), false)
    assert.equal(await settles(waiter.wait(queued)), true)
    assert.equal(await settles(waiter.wait(keccak256(new Uint8Array([1])))), true)
  } finally {
    await fixture.cleanup()
  }
})

test('a wait ends when the tx leaves the pool unmined, when its fee cap falls under the next base fee, and on close', async () => {
  const fixture = await createPoolFixture()
  try {
    let baseFee = GWEI
    const waiter = createInclusionWaiter(fixture.pool, () => baseFee)
    const dropped = await fixture.pool.add(signTx({ nonce: 0n }, fixture.common))
    const cheap = await fixture.pool.add(signTx({ key: 1, nonce: 0n, fee: 2n * GWEI }, fixture.common))
    const dear = await fixture.pool.add(signTx({ key: 2, nonce: 0n, fee: 4n * GWEI }, fixture.common))
    const other = await fixture.pool.add(signTx({ key: 3, nonce: 0n }, fixture.common))
    const droppedWait = waiter.wait(dropped)
    const cheapWait = waiter.wait(cheap)
    const dearWait = waiter.wait(dear)
    fixture.pool.drop(dropped, 'test')
    waiter.blockSealed([other])
    assert.equal(await settles(droppedWait), true)
    assert.equal(await settles(cheapWait), false)
    // An empty block alone ends no wait (automine may seal one before a new tx reached the pool).
    waiter.blockSealed([])
    assert.equal(await settles(cheapWait), false)
    baseFee = 3n * GWEI
    waiter.blockSealed([])
    assert.equal(await settles(cheapWait), true)
    assert.equal(await settles(dearWait), false)
    waiter.close()
    assert.equal(await settles(dearWait), true)
    assert.equal(await settles(waiter.wait(dear)), true)
  } finally {
    await fixture.cleanup()
  }
})

test('status: txs handed to the block being built are not pending until the pool has caught up with it', async () => {
  const fixture = await createPoolFixture()
  try {
    const a = await fixture.pool.add(signTx({ nonce: 0n }, fixture.common))
    await fixture.pool.add(signTx({ key: 1, nonce: 0n, tip: GWEI / 2n }, fixture.common))
    const candidates = fixture.pool.candidates(GWEI / 2n)
    assert.deepEqual(fixture.pool.status(), { pending: 2, queued: 0 })
    assert.equal(hexOf(candidates.next()!.hash), hexOf(a))
    assert.deepEqual(fixture.pool.status(), { pending: 1, queued: 0 })
    fixture.accounts.set(ADDRESSES[0]!, 1n, 10n ** 21n)
    const done = fixture.pool.onBlockSealed([a])
    assert.deepEqual(fixture.pool.status(), { pending: 1, queued: 0 })
    await done
    assert.deepEqual(fixture.pool.status(), { pending: 1, queued: 0 })
    assert.equal(fixture.pool.get(a), undefined)
  } finally {
    await fixture.cleanup()
  }
})
