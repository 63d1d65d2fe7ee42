import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createGroupWriter } from '../../../node/db/createGroupWriter.ts'
import type { WriteOp } from '../../../node/db/database.ts'

const op = (n: number): WriteOp => ({ type: 'put', sublevel: 'txpool', key: Uint8Array.of(n), value: Uint8Array.of(n) })

test('writes arriving during a write go out together, in order; a lone write goes at once', async () => {
  const batches: number[][] = []
  let release: (() => void) | undefined
  const write = createGroupWriter({
    write: (ops) => {
      batches.push(ops.map((o) => o.key[0] as number))
      return new Promise<void>((resolve) => (release = resolve))
    },
  })
  const first = write([op(1)])
  assert.deepEqual(batches, [[1]], 'a lone write is not delayed')
  const rest = [write([op(2)]), write([op(3), op(4)]), write([op(5)])]
  assert.equal(batches.length, 1)
  release?.()
  await first
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(batches, [[1], [2, 3, 4, 5]])
  release?.()
  await Promise.all(rest)
})

test('a failed batch rejects every write in it; later writes still go out', async () => {
  let fail = true
  const write = createGroupWriter({ write: async () => { if (fail) throw new Error('disk full') } })
  await assert.rejects(write([op(1)]), { message: 'disk full' })
  fail = false
  await write([op(2)])
})
