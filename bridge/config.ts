/**
 * The bridge part of the configuration: where NoM is (an external node's RPC or the embedded
 * devnet), which anchor chain the L2 is, how often the proposer commits, how deep a commitment must
 * be to count as finalized, the chain parameters the dev stack creates the chain with, and the NoM
 * keys of the batcher and proposer. Defaults < JSON file < NOMX_* environment < flags, read and
 * validated once, then frozen. Every error is a ConfigError naming the field, e.g.
 * `config: bridge.commitIntervalBlocks: expected an integer from 1 to 1000000`.
 */
import { readFileSync } from 'node:fs'
import { parseFlags } from '../node/config.ts'
import { ConfigError } from '../node/errors.ts'
import { fromHex } from '../nom/hash.ts'
import { keyPairFromMnemonic, keyPairFromSeed } from '../nom/keys.ts'
import type { KeyPair } from '../nom/keys.ts'
import { DEFAULT_HTTP_PORT, DEFAULT_WS_PORT } from '../nom/constants.ts'
import { DEFAULT_MAX_CHANNEL_AGE_MS, DEFAULT_MAX_CHANNEL_BYTES } from './batcher/channelCut.ts'
import { MAX_CHANNEL_BYTES } from '../node/batch/channel.ts'

/** The anchor's chain parameters (CreateChain arguments except chain id, proposer and guardians). */
export interface BridgeChainParams {
  /** Momentums a commitment can be flagged before withdrawals against it finalize. */
  challengeWindow: bigint
  /** Momentums after which a deposit must be covered by a commitment (forced inclusion). */
  sequencingWindow: bigint
  /** Momentums the deposit watcher stays behind the NoM frontier. */
  depositConfirmations: bigint
  /** NoM ZNN base units. */
  proposerBond: bigint
  /** NoM ZNN base units. */
  flagBond: bigint
  unhaltCooldown: bigint
}

/** The in-process NoM devnet of the dev stack. */
export interface EmbeddedDevnetConfig {
  host: string
  /** 0 = a free port. */
  httpPort: number
  /** 0 = a free port. */
  wsPort: number
  momentumIntervalMs: number
  /** The anchor's time-challenge delay for administrator changes, in momentums. */
  administratorDelay: bigint
}

export interface BridgeConfig {
  /** HTTP(S) or WS(S) URL of an external NoM node; undefined = the embedded devnet. */
  nomRpcUrl: string | undefined
  devnet: EmbeddedDevnetConfig
  /** The anchor chain id; undefined = the L2 genesis chainId (the dev stack's rule). */
  chainId: bigint | undefined
  /** The proposer commits every this many L2 blocks. */
  commitIntervalBlocks: bigint
  /** Momentums on top of a commitment before the L2 calls its block `finalized`. */
  finalityDepth: bigint
  /** Parameters the dev stack creates the chain with (ignored when the chain exists). */
  chain: BridgeChainParams
  /** Poll interval of the watcher, batcher and head tracker. */
  pollMs: number
  /**
   * The batcher holds a channel open at most this long (ms, from its oldest block's L2 timestamp or
   * when the batcher first read it, the earlier; 0 = post every block at once). Half the chain's sequencing window cuts earlier whatever this
   * says (bridge/README.md §2 "When a channel is cut").
   */
  maxChannelAgeMs: number
  /**
   * The batcher cuts a channel once its blocks' transaction bytes (before compression) reach this, or
   * the next block would overflow it (a channel holds at least one block). Larger channels compress
   * better (fewer bytes and less plasma per tx); smaller ones spread a busy chain's frames over time.
   */
  maxChannelBytes: number
  /** BIP-39 mnemonic of the NoM dev roles (bridge/README.md §5); undefined = the L2 genesis devMnemonic. */
  mnemonic: string | undefined
  /** File holding the batcher's ed25519 seed (64 hex); undefined = mnemonic account 9. */
  batcherKeyFile: string | undefined
  /** File holding the proposer's ed25519 seed (64 hex); undefined = mnemonic account 1. */
  proposerKeyFile: string | undefined
}

const ZNN = 100_000_000n

export const DEFAULT_BRIDGE_CONFIG: BridgeConfig = {
  nomRpcUrl: undefined,
  devnet: { host: '127.0.0.1', httpPort: DEFAULT_HTTP_PORT, wsPort: DEFAULT_WS_PORT, momentumIntervalMs: 500, administratorDelay: 10n },
  chainId: undefined,
  commitIntervalBlocks: 10n,
  finalityDepth: 6n,
  // Dev windows: 20 momentums of 500 ms = a 10 s challenge window.
  chain: { challengeWindow: 20n, sequencingWindow: 60n, depositConfirmations: 1n, proposerBond: 100n * ZNN, flagBond: 10n * ZNN, unhaltCooldown: 20n },
  pollMs: 200,
  maxChannelAgeMs: DEFAULT_MAX_CHANNEL_AGE_MS,
  maxChannelBytes: DEFAULT_MAX_CHANNEL_BYTES,
  mnemonic: undefined,
  batcherKeyFile: undefined,
  proposerKeyFile: undefined,
}

/** flag name → field path in the raw config ('.'-separated). */
const FLAGS: Record<string, string> = {
  'nom-rpc': 'nomRpcUrl',
  'nom-host': 'devnet.host',
  'nom-http-port': 'devnet.httpPort',
  'nom-ws-port': 'devnet.wsPort',
  'momentum-ms': 'devnet.momentumIntervalMs',
  'administrator-delay': 'devnet.administratorDelay',
  'anchor-chain-id': 'chainId',
  'commit-interval': 'commitIntervalBlocks',
  'finality-depth': 'finalityDepth',
  'challenge-window': 'chain.challengeWindow',
  'sequencing-window': 'chain.sequencingWindow',
  'deposit-confirmations': 'chain.depositConfirmations',
  'proposer-bond': 'chain.proposerBond',
  'flag-bond': 'chain.flagBond',
  'unhalt-cooldown': 'chain.unhaltCooldown',
  'bridge-poll-ms': 'pollMs',
  'max-channel-age-ms': 'maxChannelAgeMs',
  'max-channel-bytes': 'maxChannelBytes',
  'nom-mnemonic-file': 'mnemonicFile',
  'batcher-key-file': 'batcherKeyFile',
  'proposer-key-file': 'proposerKeyFile',
}

/** NOMX_* variable → flag name. */
const ENV: Record<string, string> = {
  NOMX_NOM_RPC: 'nom-rpc',
  NOMX_NOM_HOST: 'nom-host',
  NOMX_NOM_HTTP_PORT: 'nom-http-port',
  NOMX_NOM_WS_PORT: 'nom-ws-port',
  NOMX_MOMENTUM_MS: 'momentum-ms',
  NOMX_ADMINISTRATOR_DELAY: 'administrator-delay',
  NOMX_ANCHOR_CHAIN_ID: 'anchor-chain-id',
  NOMX_COMMIT_INTERVAL: 'commit-interval',
  NOMX_FINALITY_DEPTH: 'finality-depth',
  NOMX_CHALLENGE_WINDOW: 'challenge-window',
  NOMX_SEQUENCING_WINDOW: 'sequencing-window',
  NOMX_DEPOSIT_CONFIRMATIONS: 'deposit-confirmations',
  NOMX_PROPOSER_BOND: 'proposer-bond',
  NOMX_FLAG_BOND: 'flag-bond',
  NOMX_UNHALT_COOLDOWN: 'unhalt-cooldown',
  NOMX_BRIDGE_POLL_MS: 'bridge-poll-ms',
  NOMX_MAX_CHANNEL_AGE_MS: 'max-channel-age-ms',
  NOMX_MAX_CHANNEL_BYTES: 'max-channel-bytes',
  NOMX_NOM_MNEMONIC_FILE: 'nom-mnemonic-file',
  NOMX_BATCHER_KEY_FILE: 'batcher-key-file',
  NOMX_PROPOSER_KEY_FILE: 'proposer-key-file',
}

/** The flags loadBridgeConfig understands (for --help texts and for splitting argv). */
export const BRIDGE_CONFIG_FLAGS = Object.keys(FLAGS)

type Raw = Record<string, unknown>

function fail(path: string, expected: string): never {
  throw new ConfigError(`config: bridge.${path}: ${expected}`)
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function setPath(raw: Raw, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.') as [string, ...string[]]
  if (rest.length === 0) {
    raw[head] = value
    return
  }
  const existing = raw[head]
  const sub: Raw = isRecord(existing) ? { ...existing } : {}
  setPath(sub, rest.join('.'), value)
  raw[head] = sub
}

function bigintField(value: unknown, path: string, min: bigint, max: bigint): bigint {
  let n: bigint | undefined
  if (typeof value === 'bigint') n = value
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value)
  else if (typeof value === 'string' && /^\d+$/.test(value.trim())) n = BigInt(value.trim())
  if (n === undefined || n < min || n > max) fail(path, `expected an integer from ${min} to ${max}`)
  return n
}

function intField(value: unknown, path: string, min: number, max: number): number {
  return Number(bigintField(value, path, BigInt(min), BigInt(max)))
}

function stringField(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') fail(path, 'expected a non-empty string')
  return value
}

function checkKeys(raw: Raw, allowed: readonly string[], prefix: string): void {
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) fail(`${prefix}${key}`, 'unknown field')
}

const U64_MAX = (1n << 64n) - 1n
const U256_MAX = (1n << 256n) - 1n

function readText(file: string, path: string): string {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (cause) {
    throw new ConfigError(`config: bridge.${path}: cannot read ${file}: ${(cause as Error).message}`, { cause })
  }
}

function validate(raw: Raw): BridgeConfig {
  checkKeys(raw, ['nomRpcUrl', 'devnet', 'chainId', 'commitIntervalBlocks', 'finalityDepth', 'chain', 'pollMs', 'maxChannelAgeMs', 'maxChannelBytes', 'mnemonic', 'mnemonicFile', 'batcherKeyFile', 'proposerKeyFile'], '')
  const d = DEFAULT_BRIDGE_CONFIG
  const devnetRaw = raw.devnet ?? {}
  if (!isRecord(devnetRaw)) fail('devnet', 'expected an object')
  checkKeys(devnetRaw, Object.keys(d.devnet), 'devnet.')
  const chainRaw = raw.chain ?? {}
  if (!isRecord(chainRaw)) fail('chain', 'expected an object')
  checkKeys(chainRaw, Object.keys(d.chain), 'chain.')
  const dv = { ...d.devnet, ...devnetRaw }
  const c = { ...d.chain, ...chainRaw }

  let nomRpcUrl: string | undefined
  if (raw.nomRpcUrl !== undefined) {
    nomRpcUrl = stringField(raw.nomRpcUrl, 'nomRpcUrl')
    if (!/^(https?|wss?):\/\/[^\s]+$/.test(nomRpcUrl)) fail('nomRpcUrl', 'expected an http://, https://, ws:// or wss:// URL')
  }
  const chain: BridgeChainParams = {
    challengeWindow: bigintField(c.challengeWindow, 'chain.challengeWindow', 1n, U64_MAX),
    sequencingWindow: bigintField(c.sequencingWindow, 'chain.sequencingWindow', 1n, U64_MAX),
    depositConfirmations: bigintField(c.depositConfirmations, 'chain.depositConfirmations', 0n, U64_MAX),
    proposerBond: bigintField(c.proposerBond, 'chain.proposerBond', 1n, U256_MAX),
    flagBond: bigintField(c.flagBond, 'chain.flagBond', 1n, U256_MAX),
    unhaltCooldown: bigintField(c.unhaltCooldown, 'chain.unhaltCooldown', 0n, U64_MAX),
  }
  if (chain.sequencingWindow <= chain.depositConfirmations) fail('chain.sequencingWindow', 'must exceed chain.depositConfirmations')

  if (raw.mnemonic !== undefined && raw.mnemonicFile !== undefined) fail('mnemonicFile', 'give either mnemonic or mnemonicFile, not both')
  let mnemonic: string | undefined
  if (raw.mnemonic !== undefined) mnemonic = stringField(raw.mnemonic, 'mnemonic')
  if (raw.mnemonicFile !== undefined) mnemonic = readText(stringField(raw.mnemonicFile, 'mnemonicFile'), 'mnemonicFile')
  if (mnemonic !== undefined) {
    try {
      keyPairFromMnemonic(mnemonic, 0)
    } catch (cause) {
      throw new ConfigError(`config: bridge.mnemonic: ${(cause as Error).message}`, { cause })
    }
  }

  return {
    nomRpcUrl,
    devnet: {
      host: stringField(dv.host, 'devnet.host'),
      httpPort: intField(dv.httpPort, 'devnet.httpPort', 0, 65535),
      wsPort: intField(dv.wsPort, 'devnet.wsPort', 0, 65535),
      momentumIntervalMs: intField(dv.momentumIntervalMs, 'devnet.momentumIntervalMs', 100, 3_600_000),
      administratorDelay: bigintField(dv.administratorDelay, 'devnet.administratorDelay', 0n, U64_MAX),
    },
    chainId: raw.chainId === undefined ? undefined : bigintField(raw.chainId, 'chainId', 1n, U64_MAX),
    commitIntervalBlocks: bigintField(raw.commitIntervalBlocks ?? d.commitIntervalBlocks, 'commitIntervalBlocks', 1n, 1_000_000n),
    finalityDepth: bigintField(raw.finalityDepth ?? d.finalityDepth, 'finalityDepth', 0n, U64_MAX),
    chain,
    pollMs: intField(raw.pollMs ?? d.pollMs, 'pollMs', 10, 600_000),
    maxChannelAgeMs: intField(raw.maxChannelAgeMs ?? d.maxChannelAgeMs, 'maxChannelAgeMs', 0, 86_400_000),
    // At most what a channel may hold before compression (node/batch/channel.ts), so a cut channel always encodes.
    maxChannelBytes: intField(raw.maxChannelBytes ?? d.maxChannelBytes, 'maxChannelBytes', 1024, MAX_CHANNEL_BYTES),
    mnemonic,
    batcherKeyFile: raw.batcherKeyFile === undefined ? undefined : stringField(raw.batcherKeyFile, 'batcherKeyFile'),
    proposerKeyFile: raw.proposerKeyFile === undefined ? undefined : stringField(raw.proposerKeyFile, 'proposerKeyFile'),
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

/** A validated, frozen BridgeConfig from raw values (tests and composition roots). */
export function createBridgeConfig(raw: Raw = {}): BridgeConfig {
  return deepFreeze(validate(raw))
}

export interface LoadBridgeConfigOptions {
  /** JSON file with the raw fields (also `--bridge-config FILE`). */
  file?: string
  env?: Record<string, string | undefined>
  /** `--name value` / `--name=value` pairs, only the BRIDGE_CONFIG_FLAGS (see splitBridgeArgs). */
  argv?: string[]
}

/** Splits argv into the bridge's flags (with their values) and the rest, keeping order. */
export function splitBridgeArgs(argv: readonly string[]): { bridge: string[]; rest: string[] } {
  const bridge: string[] = []
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0] as string : undefined
    if (name === undefined || (!(name in FLAGS) && name !== 'bridge-config')) {
      rest.push(arg)
      continue
    }
    bridge.push(arg)
    if (!arg.includes('=') && i + 1 < argv.length) bridge.push(argv[++i] as string)
  }
  return { bridge, rest }
}

/** Reads file, environment and flags (later wins), validates once. */
export function loadBridgeConfig(options: LoadBridgeConfigOptions = {}): BridgeConfig {
  const parsed = parseFlags(options.argv ?? [], 'bridge-config')
  const flags = parsed.flags
  const file = parsed.file ?? options.file
  let raw: Raw = {}
  if (file !== undefined) {
    let json: unknown
    try {
      json = JSON.parse(readFileSync(file, 'utf8'))
    } catch (cause) {
      throw new ConfigError(`config: cannot read bridge config ${file}: ${(cause as Error).message}`, { cause })
    }
    if (!isRecord(json)) throw new ConfigError(`config: ${file}: expected a JSON object`)
    raw = { ...json }
  }
  for (const [variable, flag] of Object.entries(ENV)) {
    const value = options.env?.[variable]
    if (value !== undefined && value !== '') setPath(raw, FLAGS[flag] as string, value)
  }
  for (const [name, value] of flags) {
    const path = FLAGS[name]
    if (path === undefined) throw new ConfigError(`config: unknown flag --${name}`)
    setPath(raw, path, value)
  }
  return createBridgeConfig(raw)
}

/** The NoM accounts of the bridge roles (bridge/README.md §5). */
export interface BridgeKeys {
  /** Creates the chain on the dev stack (mnemonic account 0); undefined without a mnemonic. */
  administrator: KeyPair | undefined
  proposer: KeyPair
  batchers: KeyPair[]
  /** Guardians of the dev chain (mnemonic accounts 4–8); empty without a mnemonic. */
  guardians: KeyPair[]
}

export const GUARDIAN_QUORUM = 3n

function seedFile(file: string, path: string): KeyPair {
  const text = readText(file, path).replace(/^0x/, '')
  if (!/^[0-9a-fA-F]{64}$/.test(text)) fail(path, `${file} must hold a 32-byte ed25519 seed as 64 hex characters`)
  return keyPairFromSeed(fromHex(text))
}

/**
 * The role keys: key files where given, else the mnemonic's accounts (`fallbackMnemonic` is the L2
 * genesis devMnemonic on the dev stack). Fails naming the field when a role has no key.
 */
export function resolveBridgeKeys(config: BridgeConfig, fallbackMnemonic: string | undefined): BridgeKeys {
  const mnemonic = config.mnemonic ?? fallbackMnemonic
  const fromMnemonic = (i: number, path: string): KeyPair => {
    if (mnemonic === undefined) fail(path, 'no key file and no mnemonic to derive it from')
    return keyPairFromMnemonic(mnemonic, i)
  }
  return {
    administrator: mnemonic === undefined ? undefined : keyPairFromMnemonic(mnemonic, 0),
    proposer: config.proposerKeyFile !== undefined ? seedFile(config.proposerKeyFile, 'proposerKeyFile') : fromMnemonic(1, 'proposerKeyFile'),
    batchers: [config.batcherKeyFile !== undefined ? seedFile(config.batcherKeyFile, 'batcherKeyFile') : fromMnemonic(9, 'batcherKeyFile')],
    guardians: mnemonic === undefined ? [] : [4, 5, 6, 7, 8].map((i) => keyPairFromMnemonic(mnemonic, i)),
  }
}
