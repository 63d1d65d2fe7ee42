/**
 * A sequencer with its batcher in a process of its own, for the kill -9 test: the deposit watcher
 * on the NoM devnet at NOMX_TEST_NOM_URL as the L2 node's deposit source, the node in automine on
 * NOMX_TEST_DIR/l2, and createBatcher with dev accounts 9 and 10 posting and account 1 proposing
 * every 10 blocks. Prints `{"rpcUrl": …}` on stdout once running; runs until killed.
 */
import { join } from 'node:path'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { silentLogger } from '../../../node/log.ts'
import { createNode } from '../../../node/node.ts'
import { createNoMClient } from '../../../nom/rpc/client.ts'
import { keyPairFromMnemonic } from '../../../nom/keys.ts'
import { createDepositWatcher } from '../../../bridge/deposits/createDepositWatcher.ts'
import { createBatcher } from '../../../bridge/batcher/createBatcher.ts'
import { DEV_MNEMONIC } from '../../helpers/node.ts'

const nomUrl = process.env.NOMX_TEST_NOM_URL
const dir = process.env.NOMX_TEST_DIR
if (nomUrl === undefined || dir === undefined) throw new Error('NOMX_TEST_NOM_URL and NOMX_TEST_DIR are required')

const client = createNoMClient({ url: nomUrl })
const chainId = 73_404n
const watcher = createDepositWatcher({ client, chainId, dataDir: join(dir, 'deposits'), pollMs: 50, log: () => {} })
await watcher.start()
while (watcher.status().originHeight === undefined) await new Promise((r) => setTimeout(r, 50))
const config = createConfig({ dataDir: join(dir, 'l2'), genesis: DEV_GENESIS_PATH, blockTimeMs: 0, rpc: { host: '127.0.0.1', port: 0 } })
const node = await createNode(config, { log: silentLogger, deposits: { source: watcher } })
await node.start()
const batcher = createBatcher({
  client,
  chainId,
  batcherKeys: [9, 10].map((i) => keyPairFromMnemonic(DEV_MNEMONIC, i)),
  proposerKey: keyPairFromMnemonic(DEV_MNEMONIC, 1),
  node: node.backend,
  depositIndexOf: (h) => watcher.depositIndexOf(h),
  commitIntervalBlocks: 10n,
  pollMs: 50,
  log: (e) => process.stderr.write(`${JSON.stringify(e)}\n`),
})
await batcher.start()
process.stdout.write(`${JSON.stringify({ rpcUrl: node.rpcUrl })}\n`)
