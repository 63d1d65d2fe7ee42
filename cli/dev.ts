/**
 * `nomx dev` (what `npm start` runs): a sequencer on 127.0.0.1:8545 over genesis/dev.json with the
 * 10 prefunded dev accounts, data in ./.nomx/dev so a restart continues the chain. A composition
 * root: the bridge issue adds the NoM devnet, batcher and deposit watcher here.
 */
import { rm } from 'node:fs/promises'
import { bytesToHex } from '@ethereumjs/util'
import { CONFIG_FLAGS, loadConfig } from '../node/config.ts'
import { deriveDevAccounts } from '../node/genesis/deriveDevAccounts.ts'
import { loadGenesis } from '../node/genesis/loadGenesis.ts'
import { reportStartupError, stopOnSignal } from '../node/cli.ts'
import { createNode, type Node } from '../node/node.ts'

export const DEV_HELP = `usage: nomx dev [options]

Runs the dev stack: an L2 sequencer with prefunded accounts on http://127.0.0.1:8545.
Data is kept in ./.nomx/dev, so a restart continues the same chain.

options:
  --reset                  wipe the data dir before starting
  --config FILE            JSON config file (same format as nomx node)
${CONFIG_FLAGS.map((f) => `  --${f} VALUE`).join('\n')}
  --help                   show this help`

const DEV_ACCOUNT_COUNT = 10

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(DEV_HELP)
    return 0
  }
  const reset = args.includes('--reset')
  const rest = args.filter((a) => a !== '--reset')
  let node: Node
  let accounts: { address: Uint8Array; privateKey: Uint8Array }[] = []
  try {
    const config = loadConfig({ env: process.env, argv: rest })
    if (reset) await rm(config.dataDir, { recursive: true, force: true })
    const genesis = await loadGenesis(config.genesis)
    if (genesis.devMnemonic !== undefined) accounts = deriveDevAccounts(genesis.devMnemonic, DEV_ACCOUNT_COUNT)
    node = await createNode(config, { accounts: accounts.map((a) => a.address) })
    await node.start()
  } catch (error) {
    return reportStartupError('dev', error)
  }
  const lines = [
    '',
    `nomx dev: chain ${node.genesis.chainId} ready`,
    `  JSON-RPC  ${node.rpcUrl}`,
    `  WebSocket ${node.wsUrl}`,
    `  data dir  ${node.config.dataDir}${reset ? ' (reset)' : ''}`,
    '',
    'Accounts (10000 ZNN each):',
    ...accounts.map((a, i) => `  (${i}) ${bytesToHex(a.address)}  key ${bytesToHex(a.privateKey)}`),
    '',
    'Ctrl-C to stop.',
    '',
  ]
  console.log(lines.join('\n'))
  await stopOnSignal(node)
  return 0
}
