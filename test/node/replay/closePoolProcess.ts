/**
 * Opens and closes tx check pools while their workers are in the middle of checks (sender
 * recovery in the native binding), for the close test. Args: rounds. Prints `closed <n>` at the end.
 */
import { createTxCheckPool } from '../../../node/replay/createTxCheckPool.ts'
import { common, transferChain } from './replayFixture.ts'

const rounds = Number(process.argv[2] ?? 10)
const [block] = transferChain(1, 400)
let closed = 0
for (let round = 0; round < rounds; round++) {
  const pool = createTxCheckPool({ common, blockGasLimit: 60_000_000n, baseFeeFloor: 100_000_000n, workers: 2, chunkSize: 8 })
  await pool.ready()
  const feed = pool.check(block!.txs)
  await feed.at(0)
  await new Promise((resolve) => setTimeout(resolve, round % 4))
  await pool.close()
  closed++
}
process.stdout.write(`closed ${closed}\n`)
