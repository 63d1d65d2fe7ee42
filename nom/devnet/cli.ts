/**
 * `nomx nom-devnet`: a standalone local NoM node. Prints the RPC URLs, produces momentums until
 * Ctrl-C (SIGINT/SIGTERM), then stops cleanly.
 */
import { parseArgs } from 'node:util'
import { rm } from 'node:fs/promises'
import { createDevnet, DEFAULT_MOMENTUM_INTERVAL_MS } from './devnet.ts'
import { DEFAULT_HTTP_PORT, DEFAULT_WS_PORT } from '../constants.ts'

const USAGE = `usage: nomx nom-devnet [options]

  --data-dir DIR      database folder (default .nomx/nom-devnet)
  --genesis FILE      genesis file (default genesis/nom-dev.json)
  --chain-id N        chain identifier (default: the genesis file's, 100)
  --momentum-ms N     momentum interval in ms, at least 100 (default ${DEFAULT_MOMENTUM_INTERVAL_MS})
  --http HOST:PORT    JSON-RPC over HTTP (default 127.0.0.1:${DEFAULT_HTTP_PORT})
  --ws HOST:PORT      JSON-RPC over WebSocket (default 127.0.0.1:${DEFAULT_WS_PORT})
  --reset             delete the data dir first (start a new chain)
  --help              this text`

function hostPort(text: string, flag: string): { host: string; port: number } {
  const m = /^(.+):([0-9]{1,5})$/.exec(text)
  if (m === null || Number(m[2]) > 65535) throw new Error(`${flag} must be HOST:PORT, got ${JSON.stringify(text)}`)
  return { host: m[1]!, port: Number(m[2]) }
}

function integer(text: string, flag: string): number {
  if (!/^[0-9]+$/.test(text)) throw new Error(`${flag} must be a whole number, got ${JSON.stringify(text)}`)
  return Number(text)
}

export async function run(args: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args,
      options: {
        'data-dir': { type: 'string' },
        genesis: { type: 'string' },
        'chain-id': { type: 'string' },
        'momentum-ms': { type: 'string' },
        http: { type: 'string' },
        ws: { type: 'string' },
        reset: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values
  } catch (e) {
    console.error(`nomx nom-devnet: ${(e as Error).message}\n\n${USAGE}`)
    return 1
  }
  if (values.help === true) {
    console.log(USAGE)
    return 0
  }
  const dataDir = values['data-dir'] ?? '.nomx/nom-devnet'
  let devnet
  try {
    if (values.reset === true) await rm(dataDir, { recursive: true, force: true })
    devnet = await createDevnet({
      dataDir,
      ...(values.genesis !== undefined ? { genesis: values.genesis } : {}),
      ...(values['chain-id'] !== undefined ? { chainIdentifier: integer(values['chain-id'], '--chain-id') } : {}),
      ...(values['momentum-ms'] !== undefined ? { momentumIntervalMs: integer(values['momentum-ms'], '--momentum-ms') } : {}),
      ...(values.http !== undefined ? { http: hostPort(values.http, '--http') } : {}),
      ...(values.ws !== undefined ? { ws: hostPort(values.ws, '--ws') } : {}),
    })
  } catch (e) {
    console.error(`nomx nom-devnet: ${(e as Error).message}`)
    return 1
  }
  const frontier = await devnet.frontier()
  console.log(`NoM devnet running (data ${dataDir}, frontier momentum ${frontier.height})`)
  console.log(`  HTTP JSON-RPC  ${devnet.httpUrl}`)
  console.log(`  WS JSON-RPC    ${devnet.wsUrl}`)
  console.log('Press Ctrl-C to stop.')
  const running = devnet
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await running.stop()
  console.log('NoM devnet stopped.')
  return 0
}
