/**
 * The devnet genesis file: chain identifier, genesis timestamp, tokens, funded accounts, fusion
 * entries and the producer seed. `loadGenesis` reads and validates it once; every error names the
 * field that is wrong (`accounts[2].balances.zts1…`).
 */
import { readFile } from 'node:fs/promises'
import type { Address, TokenStandard } from '../types.ts'
import { parseAddress } from '../address.ts'
import { parseTokenStandard, formatTokenStandard } from '../tokenStandard.ts'
import { fromHex } from '../hash.ts'
import { GenesisError } from './errors.ts'

export interface GenesisToken {
  name: string
  symbol: string
  domain: string
  decimals: number
  owner: Address
  tokenStandard: TokenStandard
  maxSupply: bigint
  isMintable: boolean
  isBurnable: boolean
  isUtility: boolean
}

export interface GenesisAccount {
  address: Address
  /** Keyed by the token standard in `zts1…` form. */
  balances: Map<string, bigint>
}

export interface GenesisFusion {
  owner: Address
  beneficiary: Address
  qsrAmount: bigint
  /** Momentum height from which CancelFuse works; default 1 + 3,600 (go-zenon's lock). */
  expirationHeight?: bigint
}

export interface Genesis {
  chainIdentifier: bigint
  /** Unix seconds of the genesis momentum. */
  timestamp: bigint
  /** Genesis momentum `data` (UTF-8). */
  extraData: string
  /** 32-byte ed25519 seed of the devnet's momentum producer. */
  producerSeed: Uint8Array
  tokens: GenesisToken[]
  accounts: GenesisAccount[]
  fusions: GenesisFusion[]
}

const U64_MAX = (1n << 64n) - 1n
const U255 = 1n << 255n

function fail(field: string, why: string): never {
  throw new GenesisError(`genesis ${field}: ${why}`)
}

function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(field, 'must be an object')
  return v as Record<string, unknown>
}

function array(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) fail(field, 'must be an array')
  return v
}

function string(v: unknown, field: string): string {
  if (typeof v !== 'string') fail(field, 'must be a string')
  return v
}

function boolean(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') fail(field, 'must be true or false')
  return v
}

function u64(v: unknown, field: string, min = 0n): bigint {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(field, 'must be an integer')
  const x = BigInt(v)
  if (x < min || x > U64_MAX) fail(field, `must be between ${min} and ${U64_MAX}`)
  return x
}

function amount(v: unknown, field: string): bigint {
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]*)$/.test(v)) fail(field, 'must be a decimal string')
  const x = BigInt(v)
  if (x >= U255) fail(field, 'must be below 2^255')
  return x
}

function address(v: unknown, field: string): Address {
  try {
    return parseAddress(string(v, field))
  } catch (e) {
    if (e instanceof GenesisError) throw e
    fail(field, (e as Error).message)
  }
}

function tokenStandard(v: unknown, field: string): TokenStandard {
  try {
    return parseTokenStandard(string(v, field))
  } catch (e) {
    if (e instanceof GenesisError) throw e
    fail(field, (e as Error).message)
  }
}

function parseToken(v: unknown, field: string): GenesisToken {
  const o = object(v, field)
  const decimals = Number(u64(o.decimals, `${field}.decimals`))
  if (decimals > 18) fail(`${field}.decimals`, 'must be at most 18')
  const maxSupply = amount(o.maxSupply, `${field}.maxSupply`)
  if (maxSupply === 0n) fail(`${field}.maxSupply`, 'must be above 0')
  return {
    name: string(o.name, `${field}.name`),
    symbol: string(o.symbol, `${field}.symbol`),
    domain: string(o.domain, `${field}.domain`),
    decimals,
    owner: address(o.owner, `${field}.owner`),
    tokenStandard: tokenStandard(o.tokenStandard, `${field}.tokenStandard`),
    maxSupply,
    isMintable: boolean(o.isMintable, `${field}.isMintable`),
    isBurnable: boolean(o.isBurnable, `${field}.isBurnable`),
    isUtility: boolean(o.isUtility, `${field}.isUtility`),
  }
}

/** Validates a parsed genesis JSON value. */
export function parseGenesis(json: unknown): Genesis {
  const o = object(json, '(root)')
  const chainIdentifier = u64(o.chainIdentifier, 'chainIdentifier', 1n)
  const timestamp = u64(o.timestamp, 'timestamp', 1n)
  const extraData = o.extraData === undefined ? '' : string(o.extraData, 'extraData')
  const seedText = string(o.producerSeed, 'producerSeed')
  if (!/^[0-9a-f]{64}$/.test(seedText)) fail('producerSeed', 'must be 64 lowercase hex characters')
  const tokens = array(o.tokens, 'tokens').map((t, i) => parseToken(t, `tokens[${i}]`))
  const known = new Set<string>()
  tokens.forEach((t, i) => {
    const id = formatTokenStandard(t.tokenStandard)
    if (known.has(id)) fail(`tokens[${i}].tokenStandard`, `duplicate token ${id}`)
    known.add(id)
  })
  for (const required of ['zts1znnxxxxxxxxxxxxx9z4ulx', 'zts1qsrxxxxxxxxxxxxxmrhjll']) {
    if (!known.has(required)) fail('tokens', `must include ${required}`)
  }
  const seen = new Set<string>()
  const accounts = array(o.accounts, 'accounts').map((a, i): GenesisAccount => {
    const field = `accounts[${i}]`
    const ao = object(a, field)
    const addr = address(ao.address, `${field}.address`)
    const text = string(ao.address, `${field}.address`)
    if (seen.has(text)) fail(`${field}.address`, `duplicate account ${text}`)
    seen.add(text)
    const balances = new Map<string, bigint>()
    for (const [zts, value] of Object.entries(object(ao.balances, `${field}.balances`))) {
      tokenStandard(zts, `${field}.balances.${zts}`)
      if (!known.has(zts)) fail(`${field}.balances.${zts}`, 'token is not in tokens')
      balances.set(zts, amount(value, `${field}.balances.${zts}`))
    }
    return { address: addr, balances }
  })
  const fusions = (o.fusions === undefined ? [] : array(o.fusions, 'fusions')).map((f, i): GenesisFusion => {
    const field = `fusions[${i}]`
    const fo = object(f, field)
    const qsrAmount = amount(fo.qsrAmount, `${field}.qsrAmount`)
    if (qsrAmount < 10n * 100_000_000n || qsrAmount % 100_000_000n !== 0n) {
      fail(`${field}.qsrAmount`, 'must be at least 10 QSR and a whole number of QSR')
    }
    const entry: GenesisFusion = { owner: address(fo.owner, `${field}.owner`), beneficiary: address(fo.beneficiary, `${field}.beneficiary`), qsrAmount }
    if (fo.expirationHeight !== undefined) entry.expirationHeight = u64(fo.expirationHeight, `${field}.expirationHeight`)
    return entry
  })
  return { chainIdentifier, timestamp, extraData, producerSeed: fromHex(seedText), tokens, accounts, fusions }
}

/** Reads a genesis file (or takes an already parsed object) and validates it. */
export async function loadGenesis(source: string | object): Promise<Genesis> {
  if (typeof source !== 'string') return parseGenesis(source)
  let text: string
  try {
    text = await readFile(source, 'utf8')
  } catch (e) {
    throw new GenesisError(`genesis file ${source}: ${(e as Error).message}`, { cause: e })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new GenesisError(`genesis file ${source}: not JSON (${(e as Error).message})`, { cause: e })
  }
  return parseGenesis(json)
}
