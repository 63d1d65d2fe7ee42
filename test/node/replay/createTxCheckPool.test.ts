/**
 * The tx check pool: ready() settles once its workers answer, their checks then equal the inline
 * checks (chunk by chunk, failure indexes counted from the block's first tx), a closed pool
 * refuses work with its error, and closing while workers are inside sender recovery ends them
 * between chunks (terminating one inside the native binding aborted the whole process).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { bytesToHex } from '@ethereumjs/util'
import { createTxCheckPool } from '../../../node/replay/createTxCheckPool.ts'
import { checkBlockTxs } from '../../../node/replay/decodeBlockTxs.ts'
import { common, transferChain } from './replayFixture.ts'

const rules = { common, blockGasLimit: 60_000_000n, baseFeeFloor: 100_000_000n }

test('after ready(), the workers check a block chunk by chunk as the inline checks do', async () => {
  const [block] = transferChain(1, 40)
  const raws = [...block!.txs]
  raws[33] = raws[33]!.subarray(0, raws[33]!.length - 1)
  const pool = createTxCheckPool({ ...rules, workers: 2, chunkSize: 16 })
  try {
    await pool.ready()
    const feed = pool.check(raws)
    const inline = checkBlockTxs(raws, rules)
    assert.equal(inline.checked.length, 33)
    for (let i = 0; i < 33; i++) {
      const tx = await feed.at(i)
      assert.equal(bytesToHex(tx!.hash), bytesToHex(inline.checked[i]!.hash))
      assert.equal(bytesToHex(tx!.sender), bytesToHex(inline.checked[i]!.sender))
    }
    assert.equal(await feed.at(33), undefined)
    assert.deepEqual(feed.failure(), inline.failure)
  } finally {
    await pool.close()
  }
})

test('a closed pool refuses ready() and checks with its error', async () => {
  const pool = createTxCheckPool({ ...rules, workers: 1 })
  await pool.ready()
  await pool.close()
  await assert.rejects(pool.ready(), { message: 'tx check pool is closed' })
  const [block] = transferChain(1, 1)
  await assert.rejects(Promise.resolve(pool.check(block!.txs).at(0)), { message: 'tx check pool is closed' })
})

test('closing pools whose workers are mid-check ends the workers and leaves the process running', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/node/replay/closePoolProcess.ts', '12'], { encoding: 'utf8', timeout: 60_000 })
  assert.equal(child.signal, null, child.stderr)
  assert.equal(child.status, 0, child.stderr)
  assert.equal(child.stdout, 'closed 12\n')
})
