import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { TransactionRejectedError } from '../../../node/errors.ts'
import { createTxPool } from '../../../node/txpool/txPool.ts'
import { ADDRESSES, GWEI, createPoolFixture, hex, poolOptions, signTx } from './fixtures.ts'
import type { JournalStore } from '../../../node/txpool/journal.ts'
import type { PooledTransaction } from '../../../node/backend.ts'
import type { PoolFixture } from './fixtures.ts'

const fixtures: PoolFixture[] = []
async function setup(...args: Parameters<typeof createPoolFixture>): Promise<PoolFixture> {
  const fixture = await createPoolFixture(...args)
  fixtures.push(fixture)
  return fixture
}
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.cleanup()
})

function rejectedWith(message: string) {
  return (err: unknown) => {
    assert.ok(err instanceof TransactionRejectedError, `expected TransactionRejectedError, got ${String(err)}`)
    assert.equal(err.message, message)
    return true
  }
}

/** Retries `check` until it passes (up to 2 s): for journal deletes that run in the background. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 2000
  for (;;) {
    try {
      return await check()
    } catch (err) {
      if (Date.now() > deadline) throw err
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
}

function drain(pool: PoolFixture['pool'], baseFee: bigint): PooledTransaction[] {
  const out: PooledTransaction[] = []
  const candidates = pool.candidates(baseFee)
  for (let tx = candidates.next(); tx !== undefined; tx = candidates.next()) out.push(tx)
  return out
}

const label = (tx: PooledTransaction) => `${ADDRESSES.findIndex((a) => hex(a) === hex(tx.sender))}:${tx.tx.nonce}`

describe('txpool admission bookkeeping', () => {
  it('returns the keccak hash, keeps the recovered sender and journals before returning', async () => {
    const { pool, journal } = await setup()
    const raw = signTx()
    const hash = await pool.add(raw)
    assert.equal(hex(hash), hex(keccak_256(raw)))
    const pooled = pool.get(hash)
    assert.ok(pooled)
    assert.equal(hex(pooled.sender), hex(ADDRESSES[0]!))
    assert.equal(hex(pooled.raw), hex(raw))
    assert.equal(hex(pooled.tx.getSenderAddress().bytes), hex(ADDRESSES[0]!))
    assert.equal(hex(pooled.tx.hash()), hex(hash))
    assert.deepEqual(await journal.keys(), [hex(hash)])
    assert.deepEqual(pool.status(), { pending: 1, queued: 0 })
  })

  it('notifies onAdded listeners once per admitted tx until unsubscribed', async () => {
    const { pool } = await setup()
    const seen: string[] = []
    const off = pool.onAdded((tx) => seen.push(hex(tx.hash)))
    const first = await pool.add(signTx({ nonce: 0n }))
    await assert.rejects(pool.add(signTx({ nonce: 0n })), rejectedWith('already known'))
    off()
    await pool.add(signTx({ nonce: 1n }))
    assert.deepEqual(seen, [hex(first)])
  })

  it('refuses a stale nonce with the account nonce in the message', async () => {
    const { pool, accounts } = await setup()
    accounts.set(ADDRESSES[0]!, 5n, 10n ** 21n)
    await assert.rejects(pool.add(signTx({ nonce: 3n })), rejectedWith('nonce too low: next nonce 5, tx nonce 3'))
    assert.deepEqual(pool.status(), { pending: 0, queued: 0 })
  })

  it('counts pending txs of the sender against its balance', async () => {
    const { pool, accounts, journal } = await setup()
    // Each tx costs 21000 * 2 gwei + value.
    const cost = 21000n * 2n * GWEI
    const balance = 2n * cost + 2n
    accounts.set(ADDRESSES[0]!, 0n, balance)
    await pool.add(signTx({ nonce: 0n, value: 1n }))
    await assert.rejects(
      pool.add(signTx({ nonce: 1n, value: 2n })),
      rejectedWith(`insufficient funds for gas * price + value: balance ${balance}, queued cost ${cost + 1n}, tx cost ${cost + 2n}, overshot 1`),
    )
    await assert.rejects(
      pool.add(signTx({ nonce: 0n, value: 3n * cost })),
      rejectedWith(`insufficient funds for gas * price + value: balance ${balance}, tx cost ${4n * cost}, overshot ${2n * cost - 2n}`),
    )
    await pool.add(signTx({ nonce: 1n, value: 1n }))
    assert.equal((await journal.keys()).length, 2)
  })

  it('does not count txs of a block it has not caught up with yet against the balance', async () => {
    const { pool, accounts } = await setup()
    const cost = 21000n * 2n * GWEI + 1n
    accounts.set(ADDRESSES[0]!, 0n, 2n * cost)
    await pool.add(signTx({ nonce: 0n }))
    // The block with nonce 0 is sealed (head state moved on) but onBlockSealed has not run yet.
    accounts.set(ADDRESSES[0]!, 1n, cost)
    await pool.add(signTx({ nonce: 1n }))
    await assert.rejects(
      pool.add(signTx({ nonce: 2n })),
      rejectedWith(`insufficient funds for gas * price + value: balance ${cost}, queued cost ${cost}, tx cost ${cost}, overshot ${cost}`),
    )
  })

  it('gives the next nonce counting pending but not queued txs', async () => {
    const { pool, accounts } = await setup()
    accounts.set(ADDRESSES[0]!, 2n, 10n ** 21n)
    assert.equal(await pool.pendingNonce(ADDRESSES[0]!), 2n)
    await pool.add(signTx({ nonce: 2n }))
    await pool.add(signTx({ nonce: 3n }))
    await pool.add(signTx({ nonce: 5n }))
    assert.equal(await pool.pendingNonce(ADDRESSES[0]!), 4n)
    assert.equal(await pool.pendingNonce(ADDRESSES[1]!), 0n)
  })
})

describe('txpool pending and queued', () => {
  it('queues a tx behind a nonce gap and promotes it when the gap is filled', async () => {
    const { pool } = await setup()
    await pool.add(signTx({ nonce: 2n }))
    await pool.add(signTx({ nonce: 1n }))
    assert.deepEqual(pool.status(), { pending: 0, queued: 2 })
    assert.deepEqual(drain(pool, GWEI), [])
    await pool.add(signTx({ nonce: 0n }))
    assert.deepEqual(pool.status(), { pending: 3, queued: 0 })
    const content = pool.content()
    assert.deepEqual([...content.pending.get(hex(ADDRESSES[0]!))!.keys()], [0n, 1n, 2n])
    assert.equal(content.queued.size, 0)
  })

  it('lists pending and queued per sender in nonce order in content()', async () => {
    const { pool } = await setup()
    await pool.add(signTx({ nonce: 4n }))
    await pool.add(signTx({ nonce: 0n }))
    await pool.add(signTx({ nonce: 3n }))
    await pool.add(signTx({ key: 1, nonce: 0n }))
    const content = pool.content()
    assert.deepEqual([...content.pending.get(hex(ADDRESSES[0]!))!.keys()], [0n])
    assert.deepEqual([...content.queued.get(hex(ADDRESSES[0]!))!.keys()], [3n, 4n])
    assert.deepEqual([...content.pending.get(hex(ADDRESSES[1]!))!.keys()], [0n])
    assert.equal(content.queued.get(hex(ADDRESSES[1]!)), undefined)
    assert.deepEqual(pool.status(), { pending: 2, queued: 2 })
  })

  it('on a sealed block drops included and stale txs and promotes queued ones', async () => {
    const { pool, accounts, journal } = await setup()
    const h0 = await pool.add(signTx({ nonce: 0n }))
    const h1 = await pool.add(signTx({ nonce: 1n }))
    const h3 = await pool.add(signTx({ nonce: 3n }))
    const other = await pool.add(signTx({ key: 1, nonce: 0n }))
    assert.deepEqual(pool.status(), { pending: 3, queued: 1 })
    // Block includes sender 0's nonces 0..2 (nonce 2 came from elsewhere) and nothing of sender 1.
    accounts.set(ADDRESSES[0]!, 3n, 10n ** 21n)
    await pool.onBlockSealed([h0])
    assert.equal(pool.get(h0), undefined)
    assert.equal(pool.get(h1), undefined, 'stale nonce 1 is dropped')
    assert.ok(pool.get(h3))
    assert.deepEqual(pool.status(), { pending: 2, queued: 0 })
    assert.deepEqual(await journal.keys(), [hex(h3), hex(other)].sort())
    assert.deepEqual(drain(pool, GWEI).map(label).sort(), ['0:3', '1:0'])
  })

  it('on a sealed block drops txs the sender can no longer pay for', async () => {
    const { pool, accounts, journal } = await setup()
    await pool.add(signTx({ nonce: 0n, value: 10n ** 18n }))
    const cheap = await pool.add(signTx({ key: 1, nonce: 0n }))
    accounts.set(ADDRESSES[0]!, 0n, 10n ** 17n)
    await pool.onBlockSealed([])
    assert.deepEqual(pool.status(), { pending: 1, queued: 0 })
    assert.deepEqual(await journal.keys(), [hex(cheap)])
  })

  it('drop() removes a tx, its journal entry, and demotes the sender’s later nonces', async () => {
    const { pool, journal } = await setup()
    const h0 = await pool.add(signTx({ nonce: 0n }))
    const h1 = await pool.add(signTx({ nonce: 1n }))
    pool.drop(h0, 'execution failed: test')
    assert.equal(pool.get(h0), undefined)
    assert.deepEqual(pool.status(), { pending: 0, queued: 1 })
    await eventually(async () => assert.deepEqual(await journal.keys(), [hex(h1)]))
    pool.drop(h0, 'unknown hash is ignored')
    assert.deepEqual(pool.status(), { pending: 0, queued: 1 })
  })
})

describe('txpool candidates', () => {
  it('offers the highest effective tip first, each sender in nonce order', async () => {
    const { pool } = await setup()
    // Sender 0: nonce 0 tips 1 gwei, nonce 1 tips 5 gwei. Sender 1: tips 3 gwei. Sender 2: legacy 4 gwei.
    await pool.add(signTx({ key: 0, nonce: 0n, fee: 10n * GWEI, tip: 1n * GWEI }))
    await pool.add(signTx({ key: 0, nonce: 1n, fee: 10n * GWEI, tip: 5n * GWEI }))
    await pool.add(signTx({ key: 1, nonce: 0n, fee: 10n * GWEI, tip: 3n * GWEI }))
    await pool.add(signTx({ key: 2, nonce: 0n, type: 0, fee: 5n * GWEI }))
    // Base fee 1 gwei: legacy tip = 5 - 1 = 4 gwei.
    assert.deepEqual(drain(pool, GWEI).map(label), ['2:0', '1:0', '0:0', '0:1'])
  })

  it('caps the tip by fee cap minus base fee and leaves out txs under the base fee', async () => {
    const { pool } = await setup()
    await pool.add(signTx({ key: 0, nonce: 0n, fee: 3n * GWEI, tip: 3n * GWEI })) // at base 2: tip 1
    await pool.add(signTx({ key: 0, nonce: 1n, fee: 10n * GWEI, tip: 9n * GWEI })) // behind nonce 0
    await pool.add(signTx({ key: 1, nonce: 0n, fee: 10n * GWEI, tip: 2n * GWEI })) // tip 2
    await pool.add(signTx({ key: 2, nonce: 0n, fee: 1n * GWEI, tip: 1n * GWEI })) // under base fee
    await pool.add(signTx({ key: 2, nonce: 1n, fee: 10n * GWEI, tip: 9n * GWEI })) // never executable
    assert.deepEqual(drain(pool, 2n * GWEI).map(label), ['1:0', '0:0', '0:1'])
    // Everything is still pooled (the 3 txs handed to the block do not count as pending until the
    // pool has caught up with that block); at a lower base fee sender 2 competes again.
    assert.deepEqual(pool.status(), { pending: 2, queued: 0 })
    assert.deepEqual([...pool.content().pending.values()].map((txs) => txs.size), [2, 1, 2])
    assert.deepEqual(drain(pool, GWEI).map(label), ['0:0', '0:1', '1:0', '2:0', '2:1'])
  })

  it('breaks tip ties by arrival and honours skipSender', async () => {
    const { pool } = await setup()
    await pool.add(signTx({ key: 1, nonce: 0n }))
    await pool.add(signTx({ key: 0, nonce: 0n }))
    await pool.add(signTx({ key: 0, nonce: 1n }))
    await pool.add(signTx({ key: 2, nonce: 0n }))
    const candidates = pool.candidates(GWEI)
    const first = candidates.next()!
    assert.equal(label(first), '1:0')
    const second = candidates.next()!
    assert.equal(label(second), '0:0')
    candidates.skipSender(second.sender)
    assert.equal(label(candidates.next()!), '2:0')
    assert.equal(candidates.next(), undefined)
  })

  it('stops a sender’s run when one of its txs leaves the pool mid-block', async () => {
    const { pool } = await setup()
    const h0 = await pool.add(signTx({ key: 0, nonce: 0n, tip: 2n * GWEI, fee: 3n * GWEI }))
    await pool.add(signTx({ key: 0, nonce: 1n }))
    await pool.add(signTx({ key: 1, nonce: 0n }))
    const candidates = pool.candidates(GWEI)
    pool.drop(h0, 'test')
    assert.deepEqual([candidates.next(), candidates.next()].map((tx) => tx && label(tx)), ['1:0', undefined])
  })
})

describe('txpool replacement', () => {
  it('replaces only with at least 10% more on both fee cap and tip', async () => {
    const { pool, journal } = await setup()
    const original = await pool.add(signTx({ nonce: 0n, fee: 100n * GWEI, tip: 10n * GWEI }))
    await assert.rejects(
      pool.add(signTx({ nonce: 0n, fee: 109n * GWEI, tip: 20n * GWEI })),
      rejectedWith('replacement transaction underpriced'),
    )
    await assert.rejects(
      pool.add(signTx({ nonce: 0n, fee: 200n * GWEI, tip: 10n * GWEI + 1n })),
      rejectedWith('replacement transaction underpriced'),
    )
    assert.ok(pool.get(original))
    assert.deepEqual(await journal.keys(), [hex(original)])
    const replacement = await pool.add(signTx({ nonce: 0n, fee: 110n * GWEI, tip: 11n * GWEI }))
    assert.equal(pool.get(original), undefined)
    assert.ok(pool.get(replacement))
    assert.deepEqual(pool.status(), { pending: 1, queued: 0 })
    assert.deepEqual(await journal.keys(), [hex(replacement)])
  })

  it('replaces a legacy tx by gas price and a queued tx like a pending one', async () => {
    const { pool } = await setup()
    await pool.add(signTx({ nonce: 0n, type: 0, fee: 10n * GWEI }))
    await assert.rejects(pool.add(signTx({ nonce: 0n, type: 0, fee: 10n * GWEI + 1n })), rejectedWith('replacement transaction underpriced'))
    await pool.add(signTx({ nonce: 0n, type: 0, fee: 11n * GWEI }))
    await pool.add(signTx({ nonce: 5n, fee: 10n * GWEI }))
    await assert.rejects(pool.add(signTx({ nonce: 5n, fee: 10n * GWEI, tip: 2n * GWEI })), rejectedWith('replacement transaction underpriced'))
    await pool.add(signTx({ nonce: 5n, fee: 11n * GWEI, tip: 2n * GWEI }))
    assert.deepEqual(pool.status(), { pending: 1, queued: 1 })
  })

  it('checks the balance of a pending replacement against the bumped cost', async () => {
    const { pool, accounts } = await setup()
    const balance = 10n ** 18n
    accounts.set(ADDRESSES[0]!, 0n, balance)
    const gas = 21000n
    const c0 = gas * 2n * GWEI + 1n
    const c1 = gas * 2n * GWEI + balance / 2n
    await pool.add(signTx({ nonce: 0n, value: 1n }))
    await pool.add(signTx({ nonce: 1n, value: balance / 2n }))
    const replacementCost = gas * 4n * GWEI + (6n * balance) / 10n
    const bump = replacementCost - c0
    await assert.rejects(
      pool.add(signTx({ nonce: 0n, fee: 4n * GWEI, tip: 2n * GWEI, value: (6n * balance) / 10n })),
      rejectedWith(
        `insufficient funds for gas * price + value: balance ${balance}, queued cost ${c0 + c1}, ` +
          `tx bumped ${bump}, overshot ${c0 + c1 + bump - balance}`,
      ),
    )
    assert.deepEqual(pool.status(), { pending: 2, queued: 0 })
  })
})

describe('txpool limits', () => {
  it('per sender: evicts the sender’s cheapest later tx for a better one, else refuses', async () => {
    const { pool, journal } = await setup({ maxPerSender: 3 })
    await pool.add(signTx({ nonce: 0n, tip: 5n * GWEI, fee: 10n * GWEI }))
    await pool.add(signTx({ nonce: 1n, tip: 5n * GWEI, fee: 10n * GWEI }))
    const cheap = await pool.add(signTx({ nonce: 5n, tip: 1n * GWEI, fee: 10n * GWEI }))
    // A sender's own lower nonces never make room for a higher one, however well it pays.
    await assert.rejects(pool.add(signTx({ nonce: 6n, tip: 9n * GWEI, fee: 10n * GWEI })), rejectedWith('txpool is full'))
    // Paying the same as the cheapest later tx is not enough.
    await assert.rejects(pool.add(signTx({ nonce: 2n, tip: 1n * GWEI, fee: 10n * GWEI })), rejectedWith('txpool is full'))
    assert.equal((await journal.keys()).length, 3)
    const better = await pool.add(signTx({ nonce: 2n, tip: 2n * GWEI, fee: 10n * GWEI }))
    assert.equal(pool.get(cheap), undefined)
    assert.ok(pool.get(better))
    assert.deepEqual(pool.status(), { pending: 3, queued: 0 })
    assert.equal((await journal.keys()).includes(hex(cheap)), false)
    // A replacement at an existing nonce is not limited.
    await pool.add(signTx({ nonce: 2n, tip: 3n * GWEI, fee: 11n * GWEI }))
    assert.deepEqual(pool.status(), { pending: 3, queued: 0 })
  })

  it('globally: evicts the cheapest tx of another sender when the newcomer pays more', async () => {
    const { pool, journal } = await setup({ maxGlobal: 3 })
    const a = await pool.add(signTx({ key: 0, nonce: 0n, tip: 3n * GWEI, fee: 10n * GWEI }))
    const b = await pool.add(signTx({ key: 1, nonce: 0n, tip: 1n * GWEI, fee: 10n * GWEI }))
    const c = await pool.add(signTx({ key: 2, nonce: 0n, tip: 2n * GWEI, fee: 10n * GWEI }))
    await assert.rejects(pool.add(signTx({ key: 3, nonce: 0n, tip: 1n * GWEI, fee: 10n * GWEI })), rejectedWith('txpool is full'))
    assert.deepEqual(await journal.keys(), [hex(a), hex(b), hex(c)].sort())
    const d = await pool.add(signTx({ key: 3, nonce: 0n, tip: 2n * GWEI, fee: 10n * GWEI }))
    assert.equal(pool.get(b), undefined, 'the cheapest (1 gwei tip) was evicted')
    assert.deepEqual(await journal.keys(), [hex(a), hex(c), hex(d)].sort())
    assert.deepEqual(pool.status(), { pending: 3, queued: 0 })
  })

  it('globally: prices evictions at the next base fee (fee cap bounds the tip)', async () => {
    const { pool } = await setup({ maxGlobal: 2 })
    // At base fee 1 gwei: a tips min(1, 1.5 - 1) = 0.5 gwei though its tip cap is the highest; b tips 0.9.
    const a = await pool.add(signTx({ key: 0, nonce: 0n, tip: GWEI, fee: (3n * GWEI) / 2n }))
    const b = await pool.add(signTx({ key: 1, nonce: 0n, tip: (9n * GWEI) / 10n, fee: 10n * GWEI }))
    await pool.add(signTx({ key: 2, nonce: 0n, tip: (8n * GWEI) / 10n, fee: 10n * GWEI }))
    assert.equal(pool.get(a), undefined)
    assert.ok(pool.get(b))
  })
})

describe('txpool journal', () => {
  it('replays the journal after a restart, keeping pending and queued', async () => {
    const fixture = await setup()
    const { pool } = fixture
    await pool.add(signTx({ nonce: 0n }))
    await pool.add(signTx({ nonce: 1n }))
    await pool.add(signTx({ nonce: 3n }))
    await pool.add(signTx({ key: 1, nonce: 0n, type: 1, fee: 3n * GWEI }))
    const before = pool.content()
    const restarted = await fixture.restart()
    assert.deepEqual(restarted.status(), { pending: 3, queued: 1 })
    const after = restarted.content()
    for (const kind of ['pending', 'queued'] as const) {
      const flatten = (c: typeof before) =>
        [...c[kind]].flatMap(([sender, txs]) => [...txs].map(([nonce, tx]) => `${sender}:${nonce}:${hex(tx.hash)}`)).sort()
      assert.deepEqual(flatten(after), flatten(before))
    }
    const replayed = restarted.get(before.pending.get(hex(ADDRESSES[0]!))!.get(0n)!.hash)!
    assert.equal(hex(replayed.sender), hex(ADDRESSES[0]!))
  })

  it('drops journal entries that the head state has made invalid', async () => {
    const fixture = await setup()
    const { pool, accounts } = fixture
    await pool.add(signTx({ nonce: 0n }))
    const kept = await pool.add(signTx({ nonce: 1n }))
    const poor = await pool.add(signTx({ key: 1, nonce: 0n, value: 5n * 10n ** 17n }))
    accounts.set(ADDRESSES[0]!, 1n, 10n ** 21n)
    accounts.set(ADDRESSES[1]!, 0n, 10n ** 17n)
    const restarted = await fixture.restart()
    assert.deepEqual(restarted.status(), { pending: 1, queued: 0 })
    assert.ok(restarted.get(kept))
    assert.equal(restarted.get(poor), undefined)
    assert.deepEqual(await fixture.journal.keys(), [hex(kept)])
  })

  it('after a crash between a replacement and the old entry’s delete, keeps the better tx', async () => {
    const fixture = await setup()
    const cheap = signTx({ nonce: 0n, fee: 2n * GWEI })
    const dear = signTx({ nonce: 0n, fee: 4n * GWEI, tip: 2n * GWEI })
    // Both written, as if the process died before deleting the replaced one.
    await fixture.journal.put(keccak_256(cheap), cheap)
    await fixture.journal.put(keccak_256(dear), dear)
    await fixture.journal.put(keccak_256(new Uint8Array([1, 2, 3])), new Uint8Array([1, 2, 3]))
    const restarted = await fixture.restart()
    assert.deepEqual(restarted.status(), { pending: 1, queued: 0 })
    assert.ok(restarted.get(keccak_256(dear)))
    assert.deepEqual(await fixture.journal.keys(), [hex(keccak_256(dear))])
  })

  it('leaves nothing in the journal for a refused tx', async () => {
    const { pool, journal, accounts } = await setup()
    accounts.set(ADDRESSES[0]!, 1n, 10n ** 21n)
    await assert.rejects(pool.add(signTx({ nonce: 0n })), rejectedWith('nonce too low: next nonce 1, tx nonce 0'))
    assert.deepEqual(await journal.keys(), [])
  })

  it('does not acknowledge a tx whose journal write failed, and undoes what it displaced', async () => {
    let failing = false
    const fixture = await setup()
    const journal = fixture.journal
    const flaky: JournalStore = {
      put: (hash, raw) => (failing ? Promise.reject(new Error('disk full')) : journal.put(hash, raw)),
      delete: (hashes) => journal.delete(hashes),
      entries: () => journal.entries(),
    }
    const pool = createTxPool({ ...poolOptions(fixture), maxGlobal: 2, journal: flaky })
    await pool.start()
    const original = await pool.add(signTx({ key: 0, nonce: 0n }))
    failing = true
    await assert.rejects(pool.add(signTx({ key: 2, nonce: 0n })), /disk full/)
    assert.deepEqual(pool.status(), { pending: 1, queued: 0 })
    failing = false
    const cheap = await pool.add(signTx({ key: 1, nonce: 0n }))
    failing = true
    await assert.rejects(pool.add(signTx({ key: 3, nonce: 0n, tip: 2n * GWEI, fee: 3n * GWEI })), /disk full/)
    await assert.rejects(pool.add(signTx({ key: 0, nonce: 0n, tip: 2n * GWEI, fee: 3n * GWEI })), /disk full/)
    assert.ok(pool.get(original), 'the replaced tx is back')
    assert.ok(pool.get(cheap), 'the evicted tx is back')
    assert.deepEqual(pool.status(), { pending: 2, queued: 0 })
    assert.equal(await pool.pendingNonce(ADDRESSES[2]!), 0n)
    assert.deepEqual(await journal.keys(), [hex(original), hex(cheap)].sort())
  })
})

describe('txpool concurrency', () => {
  it('admits a burst of one sender’s txs sent at once, in any order, all pending', async () => {
    const { pool, journal } = await setup()
    const raws = Array.from({ length: 40 }, (_, i) => signTx({ nonce: BigInt(i) }))
    const shuffled = raws.map((raw, i) => ({ raw, k: (i * 17) % 40 })).sort((a, b) => a.k - b.k)
    await Promise.all(shuffled.map(({ raw }) => pool.add(raw)))
    assert.deepEqual(pool.status(), { pending: 40, queued: 0 })
    assert.equal((await journal.keys()).length, 40)
    assert.deepEqual(drain(pool, GWEI).map((tx) => tx.tx.nonce), raws.map((_, i) => BigInt(i)))
  })
})
