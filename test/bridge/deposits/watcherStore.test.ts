import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { QSR_ZTS, ZNN_ZTS } from '../../../nom/constants.ts'
import { userDepositSourceHash } from '../../../node/deposits/depositTx.ts'
import { openWatcherStore, type WatchedDeposit } from '../../../bridge/deposits/watcherStore.ts'
import { depositKey } from '../../../bridge/deposits/storeKeys.ts'
import { DepositStoreError } from '../../../bridge/deposits/errors.ts'

const hash = (n: number) => new Uint8Array(32).fill(n)
const momentum = (height: bigint) => ({ height, hash: hash(Number(height)), timestamp: 1_700_000_000n + height })

function deposit(index: bigint, height: bigint, zts: Uint8Array, token?: WatchedDeposit['token']): WatchedDeposit {
  const record = { index, sender: new Uint8Array(20).fill(1), l2Recipient: new Uint8Array(20).fill(2), tokenStandard: zts, amount: 10n ** 12n + index, momentumHeight: height, momentumHash: hash(Number(height)) }
  return { record, sendHash: hash(100 + Number(index)), token, sourceHash: userDepositSourceHash(record.momentumHash, index) }
}

test('watcher store: append, read back after reopen, rewind, chain id guard, corrupt records', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-deposit-store-'))
  try {
    let store = await openWatcherStore(dir, 11n)
    assert.equal(await store.cursor(), undefined)
    assert.equal(await store.firstMomentumHeight(), undefined)
    const d1 = deposit(1n, 5n, ZNN_ZTS)
    const d2 = deposit(2n, 7n, QSR_ZTS, { name: 'QSR ✓', symbol: 'QSR', decimals: 8 })
    const d3 = deposit(3n, 7n, ZNN_ZTS)
    d3.record.call = { value: 5n, gasLimit: 50_000n, data: Uint8Array.of(1, 2, 3) }
    await store.append([{ momentum: momentum(5n), deposits: [d1] }, { momentum: momentum(6n), deposits: [] }], { scannedHeight: 6n, nextIndex: 2n })
    await store.append([{ momentum: momentum(7n), deposits: [d2, d3] }], { scannedHeight: 7n, nextIndex: 4n })
    await store.close()

    store = await openWatcherStore(dir, 11n)
    assert.deepEqual(await store.cursor(), { scannedHeight: 7n, nextIndex: 4n })
    assert.equal(await store.firstMomentumHeight(), 5n)
    assert.deepEqual(await store.momentum(6n), momentum(6n))
    assert.equal(await store.momentum(8n), undefined)
    assert.deepEqual(await store.deposit(1n), d1)
    assert.deepEqual(await store.deposit(2n), d2)
    assert.equal(await store.indexOf(d3.sourceHash), 3n)
    assert.deepEqual(await store.deposit(3n), d3)

    await store.rewind({ scannedHeight: 6n, nextIndex: 2n })
    assert.deepEqual(await store.cursor(), { scannedHeight: 6n, nextIndex: 2n })
    assert.equal(await store.momentum(7n), undefined)
    assert.deepEqual(await store.momentum(6n), momentum(6n))
    assert.equal(await store.deposit(2n), undefined)
    assert.equal(await store.deposit(3n), undefined)
    assert.equal(await store.indexOf(d2.sourceHash), undefined)
    assert.equal(await store.indexOf(d3.sourceHash), undefined)
    assert.equal(await store.indexOf(d1.sourceHash), 1n)
    await store.close()

    await assert.rejects(openWatcherStore(dir, 12n), (e: unknown) => {
      assert.ok(e instanceof DepositStoreError)
      assert.equal(e.message, `the deposit watcher's database at ${dir} belongs to chain 11, not 12`)
      return true
    })

    const raw = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' })
    await raw.put(depositKey(1n), Uint8Array.of(0xc0))
    await raw.close()
    store = await openWatcherStore(dir, 11n)
    await assert.rejects(store.deposit(1n), { name: 'DepositStoreError', message: 'stored deposit 1 does not decode' })
    await store.close()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
