import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ValueEncoding } from '@ethereumjs/util'
import { openDatabase, type Database } from '../../../node/db/database.ts'
import { blockNumberFromKey, blockNumberKey, headKey } from '../../../node/db/keys.ts'
import { createTrieNodeStore } from '../../../node/db/trieNodeStore.ts'

async function withDatabase(fn: (db: Database, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-db-'))
  const db = await openDatabase(dir)
  try {
    await fn(db, dir)
  } finally {
    await db.close().catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  }
}

const bytes = (...values: number[]) => Uint8Array.from(values)
/** Level hands back Buffers (a Uint8Array subclass): compare contents. */
const plain = (value: unknown) => (value instanceof Uint8Array ? [...value] : value)

test('trie node writes stay in memory until taken; readable throughout; then in level', async () => {
  await withDatabase(async (db) => {
    const store = createTrieNodeStore(db)
    const copy = store.shallowCopy()
    await store.put('aa01', bytes(1, 2, 3))
    await store.batch([{ type: 'put', key: 'bb02', value: bytes(4) }, { type: 'del', key: 'aa01' }])
    assert.deepEqual(await copy.get('aa01', { valueEncoding: ValueEncoding.Bytes }), bytes(1, 2, 3), 'copies share the buffer; deletes are ignored (no pruning)')
    assert.equal(await db.get('state', bytes(0xaa, 0x01)), undefined)
    assert.equal(store.pendingWrites(), 2)

    const ops = store.takeWrites()
    assert.equal(store.pendingWrites(), 0)
    assert.deepEqual(ops.map((op) => [op.sublevel, [...op.key]]), [['state', [0xaa, 0x01]], ['state', [0xbb, 0x02]]])
    assert.deepEqual(plain(await store.get('bb02')), [4], 'still readable while the batch is being written')
    await db.write(ops)
    store.releaseWrites()
    assert.deepEqual(plain(await store.get('bb02')), [4])
    assert.equal(await store.get('bb02', { valueEncoding: ValueEncoding.String }), '04')
    assert.equal(await store.get('cc03'), undefined)
  })
})

test('held writes are readable through their store only, then kept as buffered writes or dropped', async () => {
  await withDatabase(async (db) => {
    const store = createTrieNodeStore(db)
    const copy = store.shallowCopy()
    await store.put('aa01', bytes(1))
    store.holdWrites()
    await store.put('bb02', bytes(2))
    await store.batch([{ type: 'put', key: 'cc03', value: bytes(3) }])
    await copy.put('dd04', bytes(4))
    assert.deepEqual(plain(await store.get('bb02')), [2], 'the holding store reads its held writes')
    assert.equal(await copy.get('bb02'), undefined, 'a copy does not see them')
    assert.deepEqual(plain(await store.get('dd04')), [4], "a copy's writes are buffered as before")
    assert.equal(store.heldWrites(), 2)
    assert.equal(store.pendingWrites(), 2, 'aa01 and dd04')

    store.dropHeld()
    assert.equal(store.heldWrites(), 0)
    assert.equal(await store.get('bb02'), undefined, 'dropped writes are gone')
    await store.put('ee05', bytes(5))
    assert.equal(store.pendingWrites(), 3, 'writes after dropHeld are buffered again')

    store.holdWrites()
    await store.put('ff06', bytes(6))
    store.keepHeld()
    assert.deepEqual(plain(await copy.get('ff06')), [6], 'kept writes join the shared buffer')
    assert.deepEqual(store.takeWrites().map((op) => [...op.key][0]), [0xaa, 0xdd, 0xee, 0xff])
    assert.equal(store.heldWrites(), 0)
  })
})

test('a batch spanning sublevels is written atomically and survives reopen', async () => {
  await withDatabase(async (db, dir) => {
    await db.write([
      { type: 'put', sublevel: 'headers', key: bytes(1), value: bytes(10) },
      { type: 'put', sublevel: 'heads', key: headKey('latest'), value: bytes(1) },
      { type: 'put', sublevel: 'state', key: bytes(2), value: bytes(20) },
    ])
    // a batch with an invalid op fails as a whole
    await assert.rejects(
      db.write([
        { type: 'put', sublevel: 'headers', key: bytes(3), value: bytes(30) },
        { type: 'put', sublevel: 'heads', key: headKey('latest'), value: undefined as unknown as Uint8Array },
      ]),
    )
    await db.close()
    const reopened = await openDatabase(dir)
    try {
      assert.deepEqual(plain(await reopened.get('headers', bytes(1))), [10])
      assert.deepEqual(plain(await reopened.get('heads', headKey('latest'))), [1])
      assert.deepEqual(plain(await reopened.get('state', bytes(2))), [20])
      assert.equal(await reopened.get('headers', bytes(3)), undefined)
      assert.equal(await reopened.get('state', bytes(1)), undefined, 'sublevels do not share keys')
    } finally {
      await reopened.close()
    }
  })
})

test('block-number keys iterate in chain order within a range', async () => {
  await withDatabase(async (db) => {
    const numbers = [0n, 1n, 255n, 256n, 70_000n, 2n ** 40n]
    await db.write(numbers.map((n) => ({ type: 'put' as const, sublevel: 'canonical' as const, key: blockNumberKey(n), value: bytes(Number(n % 256n)) })))
    const seen: bigint[] = []
    for await (const [key] of db.iterate('canonical', { gte: blockNumberKey(1n), lte: blockNumberKey(70_000n) })) seen.push(blockNumberFromKey(key))
    assert.deepEqual(seen, [1n, 255n, 256n, 70_000n])
  })
})
