import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createFailureLog } from '../../../contracts/anchor/failureLog.ts'

const h = (n: number) => new Uint8Array(32).fill(n)

test('keeps the newest failures up to its capacity', () => {
  const log = createFailureLog(2)
  for (const n of [1, 2, 3]) log.record({ sendHash: h(n), momentumHeight: BigInt(n), method: 'Flag', error: `e${n}` })
  assert.equal(log.get(h(1)), undefined)
  assert.equal(log.get(h(2))?.error, 'e2')
  assert.equal(log.get(h(3))?.momentumHeight, 3n)
  const none = createFailureLog(0)
  none.record({ sendHash: h(1), momentumHeight: 1n, method: 'Flag', error: 'x' })
  assert.equal(none.get(h(1)), undefined)
})
