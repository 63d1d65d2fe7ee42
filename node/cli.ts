/**
 * `nomx node --config FILE`: run a sequencer node from a config file (plus NOMX_* env and flags).
 * Runs until SIGINT/SIGTERM, then shuts down cleanly.
 */
import { CONFIG_FLAGS, loadConfig } from './config.ts'
import { NodeError } from './errors.ts'
import { createNode, type CreateNodeOptions, type Node } from './node.ts'

export const NODE_HELP = `usage: nomx node --config FILE [options]

Runs an L2 sequencer node: level data dir, block production, JSON-RPC (HTTP + WebSocket).
Settings come from the JSON config file, then NOMX_* environment variables, then flags.

options:
  --config FILE            JSON config file (fields: dataDir, genesis, blockTimeMs, rpc{…}, txpool{…})
${CONFIG_FLAGS.map((f) => `  --${f} VALUE`).join('\n')}
  --help                   show this help`

/** Waits for SIGINT or SIGTERM, then stops the node. */
export function stopOnSignal(node: Node): Promise<void> {
  return new Promise((resolve, reject) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
      process.stderr.write(`${JSON.stringify({ level: 'info', module: 'cli', msg: 'shutting down', signal })}\n`)
      node.stop().then(resolve, reject)
    }
    process.on('SIGINT', handler)
    process.on('SIGTERM', handler)
  })
}

/** Prints a startup failure the way an operator needs it: the message, no stack for config errors. */
export function reportStartupError(command: string, error: unknown): number {
  if (error instanceof NodeError) {
    console.error(`nomx ${command}: ${error.message}`)
    return 1
  }
  throw error
}

export async function runNode(args: string[], options: CreateNodeOptions = {}): Promise<number> {
  let node: Node
  try {
    const config = loadConfig({ env: process.env, argv: args })
    node = await createNode(config, options)
    await node.start()
  } catch (error) {
    return reportStartupError('node', error)
  }
  console.log(`nomx node: JSON-RPC on ${node.rpcUrl} (ws ${node.wsUrl}), data in ${node.config.dataDir}`)
  await stopOnSignal(node)
  return 0
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(NODE_HELP)
    return 0
  }
  if (!args.includes('--config') && !args.some((a) => a.startsWith('--config='))) {
    console.error(`nomx node: --config FILE is required\n\n${NODE_HELP}`)
    return 1
  }
  return runNode(args)
}
