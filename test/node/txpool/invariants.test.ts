/**
 * A seeded random walk over the pool (admissions, replacements, drops, blocks that advance nonces)
 * checking after every step what must always hold: pending runs are gapless from the head nonce,
 * status() agrees with content(), pendingNonce() agrees with both, and the journal holds exactly
 * the pooled txs (so a restart rebuilds the same pool).
 */
import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import { TransactionRejectedError } from '../../../node/errors.ts'
import { ADDRESSES, GWEI, createPoolFixture, hex, signTx } from './fixtures.ts'
import type { PoolFixture } from './fixtures.ts'
import { mulberry32 } from '../../helpers/random.ts'

const fixtures: PoolFixture[] = []
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.cleanup()
})

async function checkInvariants(fixture: PoolFixture, step: string): Promise<void> {
  const { pool, accounts } = fixture
  const content = pool.content()
  let pending = 0
  let queued = 0
  const pooled = new Set<string>()
  for (const [sender, txs] of content.pending) {
    const head = (await accounts.get(ADDRESSES.find((a) => hex(a) === sender)!)).nonce
    const nonces = [...txs.keys()]
    assert.deepEqual(nonces, nonces.map((_, i) => head + BigInt(i)), `${step}: pending of ${sender} gapless from ${head}`)
    pending += txs.size
    for (const tx of txs.values()) pooled.add(hex(tx.hash))
  }
  for (const [sender, txs] of content.queued) {
    const head = (await accounts.get(ADDRESSES.find((a) => hex(a) === sender)!)).nonce
    const firstPendingGap = head + BigInt(content.pending.get(sender)?.size ?? 0)
    for (const nonce of txs.keys()) assert.ok(nonce > firstPendingGap, `${step}: queued nonce ${nonce} of ${sender} is behind a gap`)
    queued += txs.size
    for (const tx of txs.values()) pooled.add(hex(tx.hash))
  }
  assert.deepEqual(pool.status(), { pending, queued }, `${step}: status matches content`)
  for (const address of ADDRESSES) {
    const head = (await accounts.get(address)).nonce
    const expected = head + BigInt(content.pending.get(hex(address))?.size ?? 0)
    assert.equal(await pool.pendingNonce(address), expected, `${step}: pending nonce of ${hex(address)}`)
  }
  for (const hash of pooled) assert.ok(pool.get(Buffer.from(hash.slice(2), 'hex')), `${step}: get(${hash})`)
  // Journal deletes of drops run in the background; give them a moment.
  const deadline = Date.now() + 2000
  for (;;) {
    const keys = await fixture.journal.keys()
    if (JSON.stringify(keys) === JSON.stringify([...pooled].sort())) break
    if (Date.now() > deadline) assert.deepEqual(keys, [...pooled].sort(), `${step}: journal holds exactly the pooled txs`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('txpool invariants under a random walk', () => {
  for (const seed of [1, 2, 3]) {
    it(`holds them for seed ${seed}`, async () => {
      const fixture = await createPoolFixture({ maxPerSender: 5, maxGlobal: 9 })
      fixtures.push(fixture)
      const random = mulberry32(seed)
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
      const fees = [GWEI, 2n * GWEI, 3n * GWEI, 5n * GWEI]
      const refusals = new Map<string, number>()
      for (let step = 0; step < 120; step++) {
        const action = random()
        const key = pick([0, 1, 2, 3])
        const address = ADDRESSES[key]!
        const head = (await fixture.accounts.get(address)).nonce
        let label: string
        if (action < 0.65) {
          const nonce = head + BigInt(Math.floor(random() * 6))
          const fee = pick(fees)
          label = `add ${key}:${nonce} fee ${fee}`
          try {
            await fixture.pool.add(signTx({ key, nonce, fee, tip: fee / 2n, value: BigInt(step) }))
          } catch (err) {
            assert.ok(err instanceof TransactionRejectedError, `${label}: ${String(err)}`)
            refusals.set(err.message, (refusals.get(err.message) ?? 0) + 1)
          }
        } else if (action < 0.85) {
          // A block includes this sender's first pending txs (and maybe one more nonce from elsewhere).
          const pending = [...(fixture.pool.content().pending.get(hex(address))?.values() ?? [])]
          const included = pending.slice(0, Math.floor(random() * (pending.length + 1)))
          const advance = BigInt(included.length) + (random() < 0.3 ? 1n : 0n)
          label = `block ${key} +${advance}`
          const account = await fixture.accounts.get(address)
          fixture.accounts.set(address, account.nonce + advance, account.balance)
          await fixture.pool.onBlockSealed(included.map((tx) => tx.hash))
        } else {
          const all = [...fixture.pool.content().pending.values(), ...fixture.pool.content().queued.values()].flatMap((txs) => [...txs.values()])
          if (all.length === 0) continue
          const victim = pick(all)
          label = `drop ${hex(victim.sender)}:${victim.tx.nonce}`
          fixture.pool.drop(victim.hash, 'random walk')
        }
        await checkInvariants(fixture, `step ${step} (${label})`)
      }
      // The walk must have exercised the interesting refusals, or it proves little.
      assert.ok([...refusals.keys()].some((m) => m === 'replacement transaction underpriced'), JSON.stringify([...refusals]))
      assert.ok([...refusals.keys()].some((m) => m === 'txpool is full' || m === 'already known'), JSON.stringify([...refusals]))
      // And a restart rebuilds the same pool from the journal.
      const before = fixture.pool.content()
      const restarted = await fixture.restart()
      const flatten = (c: typeof before) =>
        (['pending', 'queued'] as const).flatMap((kind) => [...c[kind]].flatMap(([s, txs]) => [...txs].map(([n, tx]) => `${kind}:${s}:${n}:${hex(tx.hash)}`))).sort()
      assert.deepEqual(flatten(restarted.content()), flatten(before))
    })
  }
})
