/** Store and Overlay: buffered writes, nested scopes, merged prefix scans, atomic commit. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Overlay, Store } from '../../../../nom/devnet/db/store.ts'
import { toHex } from '../../../../nom/hash.ts'

const b = (...x: number[]) => Uint8Array.from(x)

test('overlay reads through, scans merge in key order, forks commit or vanish, ops go to the store in one batch', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-store-'))
  const store = await Store.open(dir)
  try {
    await store.write([
      { type: 'put', key: b(5, 1), value: b(1) },
      { type: 'put', key: b(5, 3), value: b(3) },
      { type: 'put', key: b(6, 0), value: b(9) },
    ])
    const o = new Overlay(store)
    o.put(b(5, 2), b(2))
    o.del(b(5, 3))
    assert.deepEqual(await o.get(b(5, 1)), b(1))
    assert.equal(await o.get(b(5, 3)), undefined)
    assert.deepEqual((await o.scan(b(5))).map(([k, v]) => [toHex(k), toHex(v)]), [['0501', '01'], ['0502', '02']])
    const dropped = o.fork()
    dropped.put(b(5, 4), b(4))
    assert.deepEqual(await dropped.get(b(5, 4)), b(4))
    assert.equal(await o.get(b(5, 4)), undefined)
    const kept = o.fork()
    kept.put(b(5, 5), b(5))
    kept.commitInto(o)
    assert.deepEqual((await o.scan(b(5))).map(([k]) => toHex(k)), ['0501', '0502', '0505'])
    assert.deepEqual(await store.get(b(5, 3)), b(3), 'nothing reaches the store before write')
    await store.write(o.ops())
    assert.deepEqual((await store.scan(b(5))).map(([k]) => toHex(k)), ['0501', '0502', '0505'])
    assert.deepEqual((await store.scan(b(0xff))), [])
  } finally {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
})
