/** The pool's default limits admit the benchmark load: 200 txs from one sender at once. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_TXPOOL_CONFIG } from '../../../node/config.ts'
import { TransactionRejectedError } from '../../../node/errors.ts'
import { createPoolFixture, signTx } from './fixtures.ts'

test('defaults: 1024 per sender, 16384 in all', () => {
  assert.equal(DEFAULT_TXPOOL_CONFIG.maxPerSender, 1024)
  assert.equal(DEFAULT_TXPOOL_CONFIG.maxGlobal, 16_384)
})

test('200 txs of one sender are all admitted with the default limits', async () => {
  const fixture = await createPoolFixture({ maxPerSender: DEFAULT_TXPOOL_CONFIG.maxPerSender, maxGlobal: DEFAULT_TXPOOL_CONFIG.maxGlobal })
  try {
    const raws = Array.from({ length: 200 }, (_, i) => signTx({ nonce: BigInt(i) }, fixture.common))
    await Promise.all(raws.map((raw) => fixture.pool.add(raw)))
    assert.deepEqual(fixture.pool.status(), { pending: 200, queued: 0 })
  } finally {
    await fixture.cleanup()
  }
})

test('the per-sender limit still refuses the next nonce when the newcomer pays no more', async () => {
  const fixture = await createPoolFixture({ maxPerSender: 3 })
  try {
    for (let i = 0; i < 3; i++) await fixture.pool.add(signTx({ nonce: BigInt(i) }, fixture.common))
    await assert.rejects(fixture.pool.add(signTx({ nonce: 3n }, fixture.common)), (err: unknown) => {
      assert.ok(err instanceof TransactionRejectedError)
      assert.equal(err.message, 'txpool is full')
      return true
    })
  } finally {
    await fixture.cleanup()
  }
})
