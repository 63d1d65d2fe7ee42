import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createOverlayStorage } from '../../../contracts/anchor/overlayStorage.ts'
import type { WritableContractStorage } from '../../../nom/devnet/embedded/types.ts'
import { toHex } from '../../../nom/hash.ts'

function bufferingHost(initial: [number[], number[]][]) {
  const committed = new Map(initial.map(([k, v]) => [toHex(Uint8Array.from(k)), [Uint8Array.from(k), Uint8Array.from(v)] as [Uint8Array, Uint8Array]]))
  const ops: string[] = []
  const host: WritableContractStorage = {
    get: async (k) => committed.get(toHex(k))?.[1],
    async *entries(prefix) {
      const list = [...committed.values()].filter(([k]) => toHex(k).startsWith(toHex(prefix))).sort((a, b) => (toHex(a[0]) < toHex(b[0]) ? -1 : 1))
      for (const e of list) yield e
    },
    put: (k, v) => ops.push(`put ${toHex(k)}=${toHex(v)}`),
    delete: (k) => ops.push(`del ${toHex(k)}`),
  }
  return { host, ops }
}

async function collect(s: WritableContractStorage, prefix: number[]) {
  const out: string[] = []
  for await (const [k, v] of s.entries(Uint8Array.from(prefix))) out.push(`${toHex(k)}=${toHex(v)}`)
  return out
}

test('reads see this call’s writes and deletes (get and prefix scans, in key order); writes pass through', async () => {
  const { host, ops } = bufferingHost([[[1, 1], [10]], [[1, 3], [30]], [[2, 1], [99]]])
  const s = createOverlayStorage(host)
  s.put(Uint8Array.of(1, 2), Uint8Array.of(20))
  s.delete(Uint8Array.of(1, 3))
  s.put(Uint8Array.of(1, 1), Uint8Array.of(11))
  assert.deepEqual(await s.get(Uint8Array.of(1, 2)), Uint8Array.of(20))
  assert.equal(await s.get(Uint8Array.of(1, 3)), undefined)
  assert.deepEqual(await collect(s, [1]), ['0101=0b', '0102=14'])
  assert.deepEqual(await collect(s, [2]), ['0201=63'])
  assert.deepEqual(ops, ['put 0102=14', 'del 0103', 'put 0101=0b'])
})
