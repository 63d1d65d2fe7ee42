/**
 * Node configuration: defaults < JSON file < NOMX_* environment < command-line flags. Read and
 * validated once by `loadConfig`, then passed down frozen. Every error is a ConfigError naming the
 * field, e.g. `config: rpc.port: expected an integer from 0 to 65535`.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError } from './errors.ts'

export interface RPCConfig {
  host: string
  port: number
  maxBodyBytes: number
  maxBatchSize: number
  corsOrigins: string[]
  /** Widest block range eth_getLogs accepts. */
  logRangeLimit: number
  maxLogResults: number
}

export interface TxPoolConfig {
  maxTxBytes: number
  priceBumpPercent: number
  maxPerSender: number
  maxGlobal: number
}

export interface NodeConfig {
  dataDir: string
  /** Path of the genesis JSON file. */
  genesis: string
  rpc: RPCConfig
  /** Overrides the genesis block time when set. 0 = one block per transaction (automine). */
  blockTimeMs: number | undefined
  txpool: TxPoolConfig
}

/** The repository's genesis/dev.json. */
export const DEV_GENESIS_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../genesis/dev.json')

export const DEFAULT_RPC_CONFIG: RPCConfig = {
  host: '127.0.0.1',
  port: 8545,
  maxBodyBytes: 5 * 1024 * 1024,
  maxBatchSize: 1000,
  corsOrigins: ['*'],
  logRangeLimit: 10_000,
  maxLogResults: 10_000,
}

/**
 * Pool defaults, sized for a dev node driven by scripts and for a busy sequencer alike:
 * - maxPerSender 1024: a bot or test script may queue a long run of nonces from one key (the issue's
 *   benchmark sends 200 per sender in one go); geth's 16 (pending) / 64 (queued) suits a public
 *   mempool shared by strangers, not a single-sequencer L2 whose users pre-sign batches.
 * - maxGlobal 16384: over ten 1 s blocks of transfers at the 30M gas limit (1,428 each), so a burst
 *   waits in the pool instead of being refused. Memory: a pooled transfer takes ~3.5 KiB of heap
 *   (measured: raw bytes, decoded fields, the @ethereumjs tx object), so a full pool of typical txs
 *   is ~56 MiB; the worst case, every tx at maxTxBytes, is bounded by maxGlobal · maxTxBytes (2 GiB
 *   at these values): lower maxGlobal or maxTxBytes where memory is tight.
 */
export const DEFAULT_TXPOOL_CONFIG: TxPoolConfig = {
  maxTxBytes: 128 * 1024,
  priceBumpPercent: 10,
  maxPerSender: 1024,
  maxGlobal: 16_384,
}

/** The raw shape before validation: every field optional, values as found in JSON/env/flags. */
type RawConfig = Record<string, unknown> & { rpc?: Record<string, unknown>; txpool?: Record<string, unknown> }

export interface LoadConfigOptions {
  /** Path of a JSON config file (also taken from `--config FILE` in argv). */
  file?: string
  env?: Record<string, string | undefined>
  argv?: string[]
}

function fail(path: string, expected: string): never {
  throw new ConfigError(`config: ${path}: ${expected}`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** flag name → [section, key] in RawConfig; section '' = top level. */
const FLAGS: Record<string, [string, string]> = {
  'data-dir': ['', 'dataDir'],
  genesis: ['', 'genesis'],
  'block-time': ['', 'blockTimeMs'],
  host: ['rpc', 'host'],
  port: ['rpc', 'port'],
  'rpc.host': ['rpc', 'host'],
  'rpc.port': ['rpc', 'port'],
  'rpc.max-body-bytes': ['rpc', 'maxBodyBytes'],
  'rpc.max-batch-size': ['rpc', 'maxBatchSize'],
  'rpc.cors-origins': ['rpc', 'corsOrigins'],
  'rpc.log-range-limit': ['rpc', 'logRangeLimit'],
  'rpc.max-log-results': ['rpc', 'maxLogResults'],
  'txpool.max-tx-bytes': ['txpool', 'maxTxBytes'],
  'txpool.price-bump': ['txpool', 'priceBumpPercent'],
  'txpool.max-per-sender': ['txpool', 'maxPerSender'],
  'txpool.max-global': ['txpool', 'maxGlobal'],
}

/** NOMX_* variable → flag name. */
const ENV: Record<string, string> = {
  NOMX_DATA_DIR: 'data-dir',
  NOMX_GENESIS: 'genesis',
  NOMX_BLOCK_TIME_MS: 'block-time',
  NOMX_RPC_HOST: 'rpc.host',
  NOMX_RPC_PORT: 'rpc.port',
  NOMX_RPC_MAX_BODY_BYTES: 'rpc.max-body-bytes',
  NOMX_RPC_MAX_BATCH_SIZE: 'rpc.max-batch-size',
  NOMX_RPC_CORS_ORIGINS: 'rpc.cors-origins',
  NOMX_RPC_LOG_RANGE_LIMIT: 'rpc.log-range-limit',
  NOMX_RPC_MAX_LOG_RESULTS: 'rpc.max-log-results',
  NOMX_TXPOOL_MAX_TX_BYTES: 'txpool.max-tx-bytes',
  NOMX_TXPOOL_PRICE_BUMP: 'txpool.price-bump',
  NOMX_TXPOOL_MAX_PER_SENDER: 'txpool.max-per-sender',
  NOMX_TXPOOL_MAX_GLOBAL: 'txpool.max-global',
}

/** The flags loadConfig understands, for --help texts. */
export const CONFIG_FLAGS = Object.keys(FLAGS)

function setRaw(raw: RawConfig, flag: string, value: string, origin: string): void {
  const target = FLAGS[flag]
  if (target === undefined) throw new ConfigError(`config: unknown ${origin}`)
  const [section, key] = target
  if (section === '') {
    raw[key] = value
    return
  }
  const existing = raw[section]
  const sub: Record<string, unknown> = isRecord(existing) ? { ...existing } : {}
  sub[key] = key === 'corsOrigins' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : value
  raw[section] = sub
}

/**
 * Splits argv into `--name value` / `--name=value` pairs; returns the config file if given
 * (`--config FILE`, or the flag `fileFlag` names). Shared with bridge/config.ts.
 */
export function parseFlags(argv: string[], fileFlag = 'config'): { flags: [string, string][]; file?: string } {
  const flags: [string, string][] = []
  let file: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (!arg.startsWith('--')) throw new ConfigError(`config: unexpected argument '${arg}'`)
    let name = arg.slice(2)
    let value: string | undefined
    const eq = name.indexOf('=')
    if (eq >= 0) {
      value = name.slice(eq + 1)
      name = name.slice(0, eq)
    } else {
      value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) throw new ConfigError(`config: flag --${name} needs a value`)
      i++
    }
    if (name === fileFlag) file = value
    else flags.push([name, value])
  }
  return file === undefined ? { flags } : { flags, file }
}

function integer(value: unknown, path: string, min: number, max: number): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max) {
    fail(path, max === Number.MAX_SAFE_INTEGER ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`)
  }
  return n
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') fail(path, 'expected a non-empty string')
  return value
}

function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) {
    fail(path, 'expected a list of non-empty strings')
  }
  return [...(value as string[])]
}

function checkKeys(raw: Record<string, unknown>, allowed: string[], prefix: string): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) fail(`${prefix}${key}`, 'unknown field')
  }
}

function validate(raw: RawConfig): NodeConfig {
  // No fee recipient setting: the coinbase is part of every block hash, and a verifier rebuilding the
  // chain from NoM must get the same one, so it is the genesis fee vault, a rule of the chain.
  checkKeys(raw, ['dataDir', 'genesis', 'rpc', 'blockTimeMs', 'txpool'], '')
  const rpcRaw = raw.rpc ?? {}
  if (!isRecord(rpcRaw)) fail('rpc', 'expected an object')
  checkKeys(rpcRaw, Object.keys(DEFAULT_RPC_CONFIG), 'rpc.')
  const poolRaw = raw.txpool ?? {}
  if (!isRecord(poolRaw)) fail('txpool', 'expected an object')
  checkKeys(poolRaw, Object.keys(DEFAULT_TXPOOL_CONFIG), 'txpool.')
  const r = { ...DEFAULT_RPC_CONFIG, ...rpcRaw }
  const p = { ...DEFAULT_TXPOOL_CONFIG, ...poolRaw }
  const max = Number.MAX_SAFE_INTEGER
  return {
    dataDir: resolve(raw.dataDir === undefined ? './.nomx/dev' : string(raw.dataDir, 'dataDir')),
    genesis: raw.genesis === undefined ? DEV_GENESIS_PATH : resolve(string(raw.genesis, 'genesis')),
    rpc: {
      host: string(r.host, 'rpc.host'),
      port: integer(r.port, 'rpc.port', 0, 65535),
      maxBodyBytes: integer(r.maxBodyBytes, 'rpc.maxBodyBytes', 1024, max),
      maxBatchSize: integer(r.maxBatchSize, 'rpc.maxBatchSize', 1, max),
      corsOrigins: stringList(r.corsOrigins, 'rpc.corsOrigins'),
      logRangeLimit: integer(r.logRangeLimit, 'rpc.logRangeLimit', 1, max),
      maxLogResults: integer(r.maxLogResults, 'rpc.maxLogResults', 1, max),
    },
    blockTimeMs: raw.blockTimeMs === undefined ? undefined : integer(raw.blockTimeMs, 'blockTimeMs', 0, 3_600_000),
    txpool: {
      maxTxBytes: integer(p.maxTxBytes, 'txpool.maxTxBytes', 1024, max),
      priceBumpPercent: integer(p.priceBumpPercent, 'txpool.priceBumpPercent', 0, 1000),
      maxPerSender: integer(p.maxPerSender, 'txpool.maxPerSender', 1, max),
      maxGlobal: integer(p.maxGlobal, 'txpool.maxGlobal', 1, max),
    },
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

/** Builds a validated NodeConfig from raw values (used by tests and composition roots). */
export function createConfig(raw: RawConfig = {}): NodeConfig {
  return deepFreeze(validate(raw))
}

/** Reads file, environment and flags (in that order of precedence, later wins), validates once. */
export function loadConfig(options: LoadConfigOptions = {}): NodeConfig {
  const { flags, file: flagFile } = parseFlags(options.argv ?? [])
  const file = flagFile ?? options.file
  let raw: RawConfig = {}
  if (file !== undefined) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (cause) {
      throw new ConfigError(`config: cannot read ${file}: ${(cause as Error).message}`, { cause })
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (cause) {
      throw new ConfigError(`config: ${file} is not valid JSON: ${(cause as Error).message}`, { cause })
    }
    if (!isRecord(json)) throw new ConfigError(`config: ${file}: expected a JSON object`)
    raw = { ...json }
    // Relative paths in a config file are relative to the file.
    for (const key of ['dataDir', 'genesis'] as const) {
      const v = raw[key]
      if (typeof v === 'string' && v !== '') raw[key] = resolve(dirname(file), v)
    }
  }
  for (const [name, flag] of Object.entries(ENV)) {
    const value = options.env?.[name]
    if (value !== undefined && value !== '') setRaw(raw, flag, value, `environment variable ${name}`)
  }
  for (const [name, value] of flags) setRaw(raw, name, value, `flag --${name}`)
  return createConfig(raw)
}
