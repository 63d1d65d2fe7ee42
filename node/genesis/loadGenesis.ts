/**
 * The L2 genesis file: chain parameters plus a geth-like `alloc` (balance, code, storage, nonce per
 * account) so predeploys can be added as plain entries. `loadGenesis` reads and validates it once;
 * every error names the offending field, e.g. `genesis: alloc.0xabc….balance: expected a hex quantity`.
 */
import { readFile } from 'node:fs/promises'
import { ConfigError } from '../errors.ts'

export interface GenesisAccount {
  balance: bigint
  nonce: bigint
  code: Uint8Array
  /** slot (32 bytes) → value (32 bytes, left-padded) */
  storage: Map<string, Uint8Array>
}

export interface Genesis {
  chainId: bigint
  /** Only 'prague' is supported. */
  hardfork: 'prague'
  /** Default block time of the chain (node config may override). 0 = one block per transaction. */
  blockTimeMs: number
  baseFeeFloor: bigint
  /** Receives the base fees of every block (not burned). */
  feeVault: Uint8Array
  timestamp: bigint
  gasLimit: bigint
  baseFeePerGas: bigint
  extraData: Uint8Array
  /** Mnemonic of the prefunded dev accounts, when the file is a dev genesis. */
  devMnemonic?: string
  /** Lower-case 0x address → account. */
  alloc: Map<string, GenesisAccount>
  /**
   * How the chain is anchored on NoM (what a verifier needs to derive it from NoM alone). The anchor
   * chain id is `chainId`. Addresses stay strings here: node/ does not speak Zenon, bridge/ parses them.
   */
  nom?: GenesisNoM
}

export interface GenesisNoM {
  /** NoM addresses (`z1…`) whose SubmitFrame calls carry this chain's batches; others are ignored. */
  batchers: string[]
}

const HEX_QUANTITY = /^0x(0|[1-9a-f][0-9a-f]*)$/i
const HEX_DATA = /^0x([0-9a-f]{2})*$/i
const ADDRESS = /^0x[0-9a-f]{40}$/i
const SLOT = /^0x[0-9a-f]{1,64}$/i

function fail(path: string, expected: string): never {
  throw new ConfigError(`genesis: ${path}: ${expected}`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
}

function quantity(value: unknown, path: string): bigint {
  if (typeof value !== 'string' || !HEX_QUANTITY.test(value)) fail(path, 'expected a hex quantity')
  return BigInt(value)
}

function optionalQuantity(value: unknown, path: string, fallback: bigint): bigint {
  return value === undefined ? fallback : quantity(value, path)
}

function data(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string' || !HEX_DATA.test(value)) fail(path, 'expected hex data')
  return hexToBytes(value)
}

function address(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string' || !ADDRESS.test(value)) fail(path, 'expected a 20-byte hex address')
  return hexToBytes(value)
}

function slotKey(key: string, path: string): string {
  if (!SLOT.test(key)) fail(path, 'expected a hex storage slot of at most 32 bytes')
  return `0x${key.slice(2).toLowerCase().padStart(64, '0')}`
}

function slotValue(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string' || !SLOT.test(value)) fail(path, 'expected a hex value of at most 32 bytes')
  const out = new Uint8Array(32)
  const hex = value.slice(2).padStart(64, '0')
  out.set(Buffer.from(hex, 'hex'))
  return out
}

function parseAccount(raw: unknown, path: string): GenesisAccount {
  if (!isRecord(raw)) fail(path, 'expected an object')
  for (const key of Object.keys(raw)) {
    if (!['balance', 'nonce', 'code', 'storage'].includes(key)) fail(`${path}.${key}`, 'unknown field')
  }
  const storage = new Map<string, Uint8Array>()
  if (raw.storage !== undefined) {
    if (!isRecord(raw.storage)) fail(`${path}.storage`, 'expected an object')
    for (const [slot, value] of Object.entries(raw.storage)) {
      storage.set(slotKey(slot, `${path}.storage.${slot}`), slotValue(value, `${path}.storage.${slot}`))
    }
  }
  return {
    balance: optionalQuantity(raw.balance, `${path}.balance`, 0n),
    nonce: optionalQuantity(raw.nonce, `${path}.nonce`, 0n),
    code: raw.code === undefined ? new Uint8Array() : data(raw.code, `${path}.code`),
    storage,
  }
}

function parseNoMSection(raw: unknown): GenesisNoM {
  if (!isRecord(raw)) fail('nom', 'expected an object')
  const batchers = raw.batchers
  if (!Array.isArray(batchers) || batchers.length === 0) fail('nom.batchers', 'expected a non-empty array of NoM addresses')
  batchers.forEach((b, i) => {
    if (typeof b !== 'string' || !/^z1[02-9ac-hj-np-z]{38}$/.test(b)) fail(`nom.batchers[${i}]`, 'expected a NoM address (z1…)')
  })
  return { batchers: [...(batchers as string[])] }
}

/** Validates parsed genesis JSON. Throws ConfigError naming the first bad field. */
export function parseGenesis(json: unknown): Genesis {
  if (!isRecord(json)) fail('(root)', 'expected an object')
  const config = json.config
  if (!isRecord(config)) fail('config', 'expected an object')
  const chainId = config.chainId
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) {
    fail('config.chainId', 'expected a positive integer')
  }
  if (config.hardfork !== 'prague') fail('config.hardfork', "expected 'prague'")
  const blockTimeMs = config.blockTimeMs
  if (typeof blockTimeMs !== 'number' || !Number.isSafeInteger(blockTimeMs) || blockTimeMs < 0) {
    fail('config.blockTimeMs', 'expected a non-negative integer')
  }
  const gasLimit = quantity(json.gasLimit, 'gasLimit')
  if (gasLimit < 5000n) fail('gasLimit', 'expected at least 5000')
  const alloc = new Map<string, GenesisAccount>()
  if (!isRecord(json.alloc)) fail('alloc', 'expected an object')
  for (const [key, raw] of Object.entries(json.alloc)) {
    const addr = key.startsWith('0x') ? key : `0x${key}`
    if (!ADDRESS.test(addr)) fail(`alloc.${key}`, 'expected a 20-byte hex address as key')
    alloc.set(addr.toLowerCase(), parseAccount(raw, `alloc.${key}`))
  }
  if (json.devMnemonic !== undefined && typeof json.devMnemonic !== 'string') fail('devMnemonic', 'expected a string')
  const genesis: Genesis = {
    chainId: BigInt(chainId),
    hardfork: 'prague',
    blockTimeMs,
    baseFeeFloor: quantity(config.baseFeeFloor, 'config.baseFeeFloor'),
    feeVault: address(config.feeVault, 'config.feeVault'),
    timestamp: quantity(json.timestamp, 'timestamp'),
    gasLimit,
    baseFeePerGas: quantity(json.baseFeePerGas, 'baseFeePerGas'),
    extraData: json.extraData === undefined ? new Uint8Array() : data(json.extraData, 'extraData'),
    alloc,
  }
  if (genesis.extraData.length > 32) fail('extraData', 'expected at most 32 bytes')
  if (typeof json.devMnemonic === 'string') genesis.devMnemonic = json.devMnemonic
  if (json.nom !== undefined) genesis.nom = parseNoMSection(json.nom)
  return genesis
}

/** Reads and validates a genesis file. */
export async function loadGenesis(path: string): Promise<Genesis> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new ConfigError(`genesis: cannot read ${path}: ${(cause as Error).message}`, { cause })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new ConfigError(`genesis: ${path} is not valid JSON: ${(cause as Error).message}`, { cause })
  }
  return parseGenesis(json)
}
