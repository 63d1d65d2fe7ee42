import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PoWAbortedError, solvePoWInWorker } from '../../nom/powWorker.ts'
import { checkPoW } from '../../nom/pow.ts'
import { parseAddress } from '../../nom/address.ts'

const ADDR = parseAddress('z1qz2lmuhzrnmhy426jmafkrlmp5z7mnry83d6fs')

test('worker solves while the event loop keeps ticking', async () => {
  const prev = new Uint8Array(32).fill(3)
  const difficulty = 1_500_000n
  let ticks = 0
  const timer = setInterval(() => ticks++, 5)
  const started = Date.now()
  const nonce = await solvePoWInWorker(ADDR, prev, difficulty, { workers: 2 })
  const elapsed = Date.now() - started
  clearInterval(timer)
  assert.equal(checkPoW(ADDR, prev, difficulty, nonce), true)
  // the interval fired roughly every 5 ms while the worker searched
  assert.ok(ticks >= Math.floor(elapsed / 5 / 4), `only ${ticks} ticks in ${elapsed} ms`)
})

test('difficulty 0 needs no worker; abort stops the search', async () => {
  assert.deepEqual(await solvePoWInWorker(ADDR, new Uint8Array(32), 0n), new Uint8Array(8))
  const ac = new AbortController()
  const p = solvePoWInWorker(ADDR, new Uint8Array(32), 1n << 62n, { signal: ac.signal })
  setTimeout(() => ac.abort(), 50)
  await assert.rejects(p, new PoWAbortedError('PoW aborted'))
})
