/**
 * Child-process entry for the kill -9 test: runs a test node on the data dir given as argv[2] with
 * the block time in argv[3], prints its RPC URL as one JSON line, and runs until it is killed.
 */
import { startTestNode } from '../../helpers/node.ts'

const dataDir = process.argv[2]
const blockTimeMs = Number(process.argv[3] ?? 1000)
if (dataDir === undefined) throw new Error('usage: nodeProcess.ts DATA_DIR [BLOCK_TIME_MS]')
const node = await startTestNode({ dataDir, blockTimeMs })
process.stdout.write(`${JSON.stringify({ rpcUrl: node.rpcUrl })}\n`)
