/**
 * `nomx verifier --nom-rpc URL --genesis FILE`: derives the L2 from NoM alone (bridge/verifier/),
 * checks the anchor's commitments, flags wrong ones (with a flagger key) and votes on flags (with a
 * guardian key), and serves the sequencer's read-only JSON-RPC from what it derived (a replica that
 * scales reads; safe/finalized follow the anchor's commitments). Runs until SIGINT/SIGTERM.
 */
import { readFile, rm } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createConfig } from '../node/config.ts'
import { NodeError } from '../node/errors.ts'
import { stderrLogger } from '../node/log.ts'
import { createReplica } from '../node/replay/createReplica.ts'
import { createNoMClient } from '../nom/rpc/client.ts'
import { keyPairFromSeed, type KeyPair } from '../nom/keys.ts'
import { createVerifier } from '../bridge/verifier/createVerifier.ts'
import { createHeadTracker } from '../bridge/heads/createHeadTracker.ts'

export const VERIFIER_HELP = `usage: nomx verifier --nom-rpc URL --genesis FILE [options]

Derives the L2 chain from NoM (anchor deposits and batch frames), executes every block, compares
its output roots with the anchor's commitments, and serves read-only JSON-RPC.

options:
  --nom-rpc URL              NoM node JSON-RPC (http://… or ws://…)
  --genesis FILE             the L2 genesis file (its nom.batchers name whose frames count)
  --data-dir DIR             replica data dir (default ./.nomx/verifier)
  --rpc-host HOST            JSON-RPC host (default 127.0.0.1)
  --rpc-port PORT            JSON-RPC port (default 8546)
  --flagger-key-file FILE    NoM account (ed25519 seed, 64 hex) that flags wrong commitments (pays the flag bond)
  --guardian-key-file FILE   NoM guardian account (ed25519 seed, 64 hex) that votes on open flags
  --finality-depth N         momentums under a commitment before its block is finalized (default 2)
  --poll-ms N                NoM poll period when caught up (default 500)
  --checkpoint-depth N       momentums whose derivation checkpoints are kept: the deepest NoM reorg
                             followed without a reset (default 100)
  --reset                    empty the data dir first (after a reorg deeper than the kept checkpoints)
  --help                     show this help`

class VerifierUsageError extends Error {
  override readonly name = 'VerifierUsageError'
}

async function readKey(path: string, what: string): Promise<KeyPair> {
  let text: string
  try {
    text = (await readFile(path, 'utf8')).trim().replace(/^0x/i, '')
  } catch (error) {
    throw new VerifierUsageError(`cannot read the ${what} key file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new VerifierUsageError(`${what} key file ${path}: expected 64 hex characters (a 32-byte ed25519 seed)`)
  return keyPairFromSeed(new Uint8Array(Buffer.from(text, 'hex')))
}

function integer(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!/^(0|[1-9][0-9]*)$/.test(value)) throw new VerifierUsageError(`--${flag} must be a non-negative integer, got ${JSON.stringify(value)}`)
  return Number(value)
}

export async function run(args: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        'nom-rpc': { type: 'string' },
        genesis: { type: 'string' },
        'data-dir': { type: 'string' },
        'rpc-host': { type: 'string' },
        'rpc-port': { type: 'string' },
        'flagger-key-file': { type: 'string' },
        'guardian-key-file': { type: 'string' },
        'finality-depth': { type: 'string' },
        'poll-ms': { type: 'string' },
        'checkpoint-depth': { type: 'string' },
        reset: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    console.error(`nomx verifier: ${(error as Error).message}\n\n${VERIFIER_HELP}`)
    return 1
  }
  if (values.help === true) {
    console.log(VERIFIER_HELP)
    return 0
  }
  const log = stderrLogger
  try {
    if (values['nom-rpc'] === undefined) throw new VerifierUsageError('--nom-rpc URL is required')
    if (values.genesis === undefined) throw new VerifierUsageError('--genesis FILE is required')
    const config = createConfig({
      dataDir: values['data-dir'] ?? './.nomx/verifier',
      genesis: values.genesis,
      rpc: { host: values['rpc-host'] ?? '127.0.0.1', port: integer(values['rpc-port'], 'rpc-port', 8546) },
    })
    const flaggerKey = values['flagger-key-file'] === undefined ? undefined : await readKey(values['flagger-key-file'], 'flagger')
    const guardianKey = values['guardian-key-file'] === undefined ? undefined : await readKey(values['guardian-key-file'], 'guardian')
    const finalityDepth = BigInt(integer(values['finality-depth'], 'finality-depth', 2))
    const pollMs = integer(values['poll-ms'], 'poll-ms', 500)
    const checkpointDepth = BigInt(integer(values['checkpoint-depth'], 'checkpoint-depth', 100))
    if (checkpointDepth < 1n) throw new VerifierUsageError('--checkpoint-depth must be at least 1')
    if (values.reset === true) await rm(config.dataDir, { recursive: true, force: true })
    const client = createNoMClient({ url: values['nom-rpc'] })
    const replica = await createReplica(config, { log })
    if (replica.genesis.nom === undefined) {
      await replica.stop()
      await client.close()
      throw new VerifierUsageError(`genesis ${config.genesis} has no nom section: a verifier needs nom.batchers`)
    }
    const verifier = createVerifier({
      client,
      chainId: replica.genesis.chainId,
      replica,
      log,
      pollMs,
      checkpointDepth,
      ...(flaggerKey === undefined ? {} : { flaggerKey }),
      ...(guardianKey === undefined ? {} : { guardianKey }),
    })
    const heads = createHeadTracker({ client, chainId: replica.genesis.chainId, chain: replica.chain, finalityDepth, pollMs: Math.max(pollMs, 1000), log })
    await replica.start()
    await verifier.start()
    await heads.start()
    console.log(`nomx verifier: chain ${replica.genesis.chainId}, JSON-RPC on ${replica.rpcUrl} (ws ${replica.wsUrl}), data in ${config.dataDir}`)
    await new Promise<void>((resolve) => {
      const handler = (signal: NodeJS.Signals) => {
        process.off('SIGINT', handler)
        process.off('SIGTERM', handler)
        log({ level: 'info', module: 'cli', msg: 'shutting down', signal })
        resolve()
      }
      process.on('SIGINT', handler)
      process.on('SIGTERM', handler)
    })
    await heads.stop()
    await verifier.stop()
    await replica.stop()
    await client.close()
    return 0
  } catch (error) {
    if (error instanceof VerifierUsageError || error instanceof NodeError) {
      console.error(`nomx verifier: ${error.message}`)
      return 1
    }
    throw error
  }
}
