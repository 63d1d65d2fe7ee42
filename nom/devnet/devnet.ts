/**
 * A local NoM node in-process: level storage in `dataDir`, a momentum every `momentumIntervalMs`,
 * JSON-RPC on HTTP and WebSocket. `nomx nom-devnet` (cli.ts) and the dev stack both start it here.
 */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Momentum } from '../types.ts'
import type { EmbeddedContract, LedgerReader } from './embedded/types.ts'
import { loadGenesis } from './genesis.ts'
import { Store } from './db/store.ts'
import { Ledger } from './ledger/ledger.ts'
import type { InsertedMomentum } from './ledger/ledger.ts'
import { ContractRegistry } from './embedded/registry.ts'
import { createPlasmaContract } from './embedded/plasma.ts'
import { createTokenContract } from './embedded/token.ts'
import { createMethodTable } from './rpc/methods.ts'
import { startRPCServers } from './rpc/server.ts'
import { keyPairFromSeed } from '../keys.ts'
import { fromHex } from '../hash.ts'
import { DEFAULT_HTTP_PORT, DEFAULT_WS_PORT } from '../constants.ts'
import { DevnetConfigError } from './errors.ts'

export const DEFAULT_GENESIS_PATH = fileURLToPath(new URL('../../genesis/nom-dev.json', import.meta.url))
export const DEFAULT_CHAIN_IDENTIFIER = 100n
export const DEFAULT_MOMENTUM_INTERVAL_MS = 10_000
export const MIN_MOMENTUM_INTERVAL_MS = 100

export interface DevnetOptions {
  /** Folder of the level database (created if missing). */
  dataDir: string
  /** Genesis object or file path; default genesis/nom-dev.json. */
  genesis?: string | object
  /** Default: the genesis file's (100 in the dev genesis). */
  chainIdentifier?: bigint | number
  /** Default 10,000; at least 100. */
  momentumIntervalMs?: number
  /** Default 127.0.0.1:35997; port 0 picks a free port. */
  http?: { host?: string; port?: number }
  /** Default 127.0.0.1:35998; port 0 picks a free port. */
  ws?: { host?: string; port?: number }
  /** Extra embedded contracts (e.g. the anchor) next to the built-in plasma and token contracts. */
  contracts?: EmbeddedContract[]
  /** 32-byte ed25519 seed (or 64 hex) of the momentum producer; default: the genesis file's. */
  producerSeed?: Uint8Array | string
  /** Called after each momentum is stored (after subscribers were notified). */
  onMomentum?: (inserted: InsertedMomentum) => void
}

export interface Devnet {
  httpUrl: string
  wsUrl: string
  ledger: LedgerReader
  frontier(): Promise<Momentum>
  /** Produces the next momentum now (for tests that want a tick on demand). */
  produceMomentumNow(): Promise<Momentum>
  stop(): Promise<void>
}

function seedOf(v: Uint8Array | string, field: string): Uint8Array {
  const bytes = typeof v === 'string' ? (/^[0-9a-fA-F]{64}$/.test(v) ? fromHex(v) : undefined) : v
  if (bytes === undefined || bytes.length !== 32) throw new DevnetConfigError(`${field} must be 32 bytes (64 hex characters)`)
  return bytes
}

export async function createDevnet(options: DevnetOptions): Promise<Devnet> {
  const interval = options.momentumIntervalMs ?? DEFAULT_MOMENTUM_INTERVAL_MS
  if (!Number.isInteger(interval) || interval < MIN_MOMENTUM_INTERVAL_MS) {
    throw new DevnetConfigError(`momentumIntervalMs must be an integer ≥ ${MIN_MOMENTUM_INTERVAL_MS}, got ${interval}`)
  }
  const genesis = await loadGenesis(options.genesis ?? DEFAULT_GENESIS_PATH)
  const chainIdentifier = options.chainIdentifier === undefined ? genesis.chainIdentifier : BigInt(options.chainIdentifier)
  if (chainIdentifier < 1n || chainIdentifier >= 1n << 64n) throw new DevnetConfigError(`chainIdentifier must be a u64 above 0, got ${chainIdentifier}`)
  const producer = keyPairFromSeed(options.producerSeed === undefined ? genesis.producerSeed : seedOf(options.producerSeed, 'producerSeed'))
  const registry = new ContractRegistry([createPlasmaContract(), createTokenContract(), ...(options.contracts ?? [])])

  await mkdir(options.dataDir, { recursive: true })
  const store = await Store.open(options.dataDir)
  let ledger: Ledger
  let servers
  try {
    ledger = await Ledger.open({ store, genesis, registry, chainIdentifier, producer })
    servers = await startRPCServers({
      table: createMethodTable(registry.all()),
      context: { ledger, producerPublicKey: producer.publicKey, startedAt: Date.now() },
      http: { host: options.http?.host ?? '127.0.0.1', port: options.http?.port ?? DEFAULT_HTTP_PORT },
      ws: { host: options.ws?.host ?? '127.0.0.1', port: options.ws?.port ?? DEFAULT_WS_PORT },
    })
  } catch (e) {
    await store.close()
    throw e
  }
  const rpc = servers

  let stopped = false
  let ticks: Promise<unknown> = Promise.resolve()
  const tick = (): Promise<Momentum> => {
    const run = ticks.then(async () => {
      const inserted = await ledger.produceMomentum(BigInt(Math.floor(Date.now() / 1000)))
      rpc.subscriptions.notify(inserted)
      options.onMomentum?.(inserted)
      return inserted.momentum
    })
    ticks = run.catch(() => undefined)
    return run
  }
  let timer: NodeJS.Timeout | undefined
  const schedule = () => {
    timer = setTimeout(() => {
      tick()
        .catch((e: unknown) => console.error(JSON.stringify({ module: 'nom-devnet', event: 'momentum failed', error: String(e) })))
        .finally(() => {
          if (!stopped) schedule()
        })
    }, interval)
  }
  schedule()

  return {
    httpUrl: rpc.httpUrl,
    wsUrl: rpc.wsUrl,
    ledger: ledger.reader,
    frontier: () => ledger.chain.frontierMomentum(),
    produceMomentumNow: () => {
      if (stopped) return Promise.reject(new DevnetConfigError('devnet is stopped'))
      return tick()
    },
    stop: async () => {
      if (stopped) return
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      await ticks
      await rpc.close()
      await store.close()
    },
  }
}
