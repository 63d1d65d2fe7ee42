/** A node sealing every 10 ms with countingSource, for kill -9 tests. Args: dataDir. Prints "ready", then "sealed N" per block. */
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode } from '../../../node/node.ts'
import { countingSource } from './countingSource.ts'

const dataDir = process.argv[2]
if (dataDir === undefined) throw new Error('usage: depositNodeProcess.ts <dataDir>')
const node = await createNode(createConfig({ dataDir, genesis: DEV_GENESIS_PATH, blockTimeMs: 10, rpc: { host: '127.0.0.1', port: 0 } }), {
  log: silentLogger,
  deposits: { source: countingSource(1_000_000n) },
})
node.backend.events.onBlock((block) => process.stdout.write(`sealed ${block.block.header.number}\n`))
await node.start()
process.stdout.write('ready\n')
