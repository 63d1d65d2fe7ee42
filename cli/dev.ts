/**
 * `nomx dev` (what `npm start` runs): the whole dev stack in one process (bridge/stack.ts): an
 * in-process NoM devnet with the anchor, the dev chain created on it, the L2 sequencer on
 * 127.0.0.1:8545 and the bridge around it. Data in ./.nomx/dev (NoM in nom/, L2 in l2/), so a
 * restart continues both chains. Prints the endpoints, the dev accounts of both sides with their
 * roles and the challenge window.
 */
import { rm } from 'node:fs/promises'
import { CONFIG_FLAGS, loadConfig } from '../node/config.ts'
import { reportStartupError } from '../node/cli.ts'
import { BRIDGE_CONFIG_FLAGS, loadBridgeConfig, splitBridgeArgs } from '../bridge/config.ts'
import { startDevStack, type DevStack } from '../bridge/stack.ts'
import { DevChainSetupError } from '../bridge/stack/setupDevChain.ts'

export const DEV_HELP = `usage: nomx dev [options]

Runs the dev stack: a NoM devnet with the anchor (short momentums), the dev chain on the anchor,
the L2 sequencer on http://127.0.0.1:8545 with prefunded accounts, and the bridge (deposit watcher,
batcher + proposer, safe/finalized heads). Data is kept in ./.nomx/dev, so a restart continues
both chains.

options:
  --reset                  wipe both chains (the data dir) before starting
  --config FILE            JSON node config file (same format as nomx node)
  --bridge-config FILE     JSON bridge config file (fields of bridge/config.ts)
${CONFIG_FLAGS.map((f) => `  --${f} VALUE`).join('\n')}
${BRIDGE_CONFIG_FLAGS.map((f) => `  --${f} VALUE`).join('\n')}
  --help                   show this help`

function seconds(ms: number): string {
  return `${Number.isInteger(ms / 1000) ? ms / 1000 : (ms / 1000).toFixed(1)} s`
}

/** The startup banner: endpoints, accounts of both sides with roles, windows, data dir. */
export function describeStack(stack: DevStack, reset: boolean): string {
  const interval = stack.momentumIntervalMs
  const window = stack.anchorChain.challengeWindow
  const windowText = interval === undefined ? `${window} momentums` : `${window} momentums (about ${seconds(Number(window) * interval)})`
  return [
    '',
    `nomx dev: chain ${stack.chainId} ready`,
    `  L2 JSON-RPC   ${stack.urls.l2Http}`,
    `  L2 WebSocket  ${stack.urls.l2Ws}`,
    `  NoM JSON-RPC  ${stack.urls.nomHttp}`,
    `  NoM WebSocket ${stack.urls.nomWs ?? '(external node: none)'}`,
    `  data dir      ${stack.dataDir}${reset ? ' (reset)' : ''}`,
    `  challenge window  ${windowText}; commitment every ${stack.commitIntervalBlocks} L2 blocks`,
    `  sequencing window ${stack.anchorChain.sequencingWindow} momentums; deposits used ${stack.anchorChain.depositConfirmations} momentums deep`,
    '',
    'L2 accounts (10000 ZNN each):',
    ...stack.accounts.l2.map((a, i) => `  (${i}) ${a.address}  key ${a.privateKey}`),
    '',
    "NoM accounts (dev mnemonic, m/44'/73404'/i'):",
    ...stack.accounts.nom.map((a) => `  (${a.index}) ${a.address}  ${a.role}`),
    '',
    'Ctrl-C to stop.',
    '',
  ].join('\n')
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(DEV_HELP)
    return 0
  }
  const reset = args.includes('--reset')
  const { bridge: bridgeArgs, rest } = splitBridgeArgs(args.filter((a) => a !== '--reset'))
  let stack: DevStack
  try {
    const config = loadConfig({ env: process.env, argv: rest })
    const bridge = loadBridgeConfig({ env: process.env, argv: bridgeArgs })
    if (reset) await rm(config.dataDir, { recursive: true, force: true })
    stack = await startDevStack({ config, bridge })
  } catch (error) {
    // Setup failures and busy ports are the operator's to fix: the message, no stack trace.
    if (error instanceof DevChainSetupError || (error as { code?: unknown }).code === 'EADDRINUSE') {
      console.error(`nomx dev: ${(error as Error).message}`)
      return 1
    }
    return reportStartupError('dev', error)
  }
  console.log(describeStack(stack, reset))
  await new Promise<void>((resolve, reject) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
      process.stderr.write(`${JSON.stringify({ level: 'info', module: 'cli', msg: 'shutting down', signal })}\n`)
      stack.stop().then(resolve, reject)
    }
    process.on('SIGINT', handler)
    process.on('SIGTERM', handler)
  })
  return 0
}
