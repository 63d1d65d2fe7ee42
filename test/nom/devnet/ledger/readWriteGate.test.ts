/** ReadWriteGate: reads overlap each other; a commit waits for running reads; new reads wait for the commit. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ReadWriteGate } from '../../../../nom/devnet/ledger/readWriteGate.ts'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('ordering of reads and a commit', async () => {
  const gate = new ReadWriteGate()
  const log: string[] = []
  const r1 = gate.read(async () => {
    log.push('r1 start')
    await tick(30)
    log.push('r1 end')
  })
  const r2 = gate.read(async () => {
    log.push('r2 start')
    await tick(10)
    log.push('r2 end')
  })
  await tick(1)
  const c = gate.commit(async () => {
    log.push('commit start')
    await tick(10)
    log.push('commit end')
  })
  await tick(1)
  const r3 = gate.read(async () => {
    log.push('r3')
  })
  await Promise.all([r1, r2, c, r3])
  assert.deepEqual(log, ['r1 start', 'r2 start', 'r2 end', 'r1 end', 'commit start', 'commit end', 'r3'])
})

test('a failing commit releases waiting reads', async () => {
  const gate = new ReadWriteGate()
  await assert.rejects(gate.commit(async () => Promise.reject(new Error('disk full'))), { message: 'disk full' })
  assert.equal(await gate.read(async () => 7), 7)
})
