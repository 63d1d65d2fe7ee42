/**
 * Parsing and validation of JSON-RPC params into the node's types (bigint, Uint8Array). Every failure
 * is an InvalidParamsError whose message starts with geth's `invalid argument <i>: ` prefix and then
 * uses geth's hex-decoding words, so clients see familiar errors.
 */
import type { AccessListEntry, AccountOverride, AuthorizationEntry, BlockTag, CallRequest, StateOverrides } from '../backend.ts'
import { InvalidParamsError } from '../errors.ts'

/** Where a value came from, for messages: `invalid argument 0` or `invalid argument 0: field "from"`. */
export type ParamPath = string

export function argPath(index: number): ParamPath {
  return `invalid argument ${index}`
}

function fieldPath(path: ParamPath, field: string): ParamPath {
  return `${path}: field "${field}"`
}

function fail(path: ParamPath, reason: string): never {
  throw new InvalidParamsError(`${path}: ${reason}`)
}

/** Checks the number of positional params: geth's messages for missing and extra arguments. */
export function checkArity(params: unknown[], required: number, max: number): void {
  if (params.length > max) throw new InvalidParamsError(`too many arguments, want at most ${max}`)
  for (let i = 0; i < required; i++) {
    if (params[i] === undefined || params[i] === null) throw new InvalidParamsError(`missing value for required argument ${i}`)
  }
}

const hexDigits = /^[0-9a-fA-F]*$/

function hexBody(value: unknown, path: ParamPath): string {
  if (typeof value !== 'string') fail(path, 'hex string expected')
  if (value.length === 0) fail(path, 'empty hex string')
  if (!value.startsWith('0x') && !value.startsWith('0X')) fail(path, 'hex string without 0x prefix')
  const body = value.slice(2)
  if (!hexDigits.test(body)) fail(path, 'invalid hex string')
  return body
}

/** A quantity: `0x` + hex without leading zeros, at most `bits` wide. */
export function parseQuantity(value: unknown, path: ParamPath, bits = 256): bigint {
  const body = hexBody(value, path)
  if (body.length === 0) fail(path, 'hex string "0x"')
  if (body.length > 1 && body[0] === '0') fail(path, 'hex number with leading zero digits')
  if (body.length * 4 > bits && BigInt(`0x${body}`) >> BigInt(bits) !== 0n) fail(path, `hex number > ${bits} bits`)
  return BigInt(`0x${body}`)
}

export function parseUint64(value: unknown, path: ParamPath): bigint {
  return parseQuantity(value, path, 64)
}

/** Arbitrary byte data: `0x` + an even number of hex digits. */
export function parseData(value: unknown, path: ParamPath): Uint8Array {
  const body = hexBody(value, path)
  if (body.length % 2 !== 0) fail(path, 'hex string of odd length')
  return Uint8Array.from(Buffer.from(body, 'hex'))
}

function parseFixed(value: unknown, path: ParamPath, length: number, typeName: string): Uint8Array {
  const body = hexBody(value, path)
  if (body.length !== length * 2) fail(path, `hex string has length ${body.length}, want ${length * 2} for ${typeName}`)
  return Uint8Array.from(Buffer.from(body, 'hex'))
}

export function parseAddress(value: unknown, path: ParamPath): Uint8Array {
  return parseFixed(value, path, 20, 'common.Address')
}

export function parseHash(value: unknown, path: ParamPath): Uint8Array {
  return parseFixed(value, path, 32, 'common.Hash')
}

/** A storage slot: up to 32 bytes of hex, prefix optional, left-padded to 32; geth's messages. */
export function parseStorageSlot(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new InvalidParamsError(`invalid hex in storage key: ${JSON.stringify(value)}`)
  let body = value.startsWith('0x') || value.startsWith('0X') ? value.slice(2) : value
  if (body.length % 2 === 1) body = `0${body}`
  if (body.length > 64) throw new InvalidParamsError(`storage key too long (want at most 32 bytes): ${JSON.stringify(value)}`)
  if (!hexDigits.test(body)) throw new InvalidParamsError(`invalid hex in storage key: ${JSON.stringify(value)}`)
  return Uint8Array.from(Buffer.from(body.padStart(64, '0'), 'hex'))
}

export function parseBoolean(value: unknown, path: ParamPath): boolean {
  if (typeof value !== 'boolean') fail(path, 'boolean expected')
  return value
}

export type BlockSelector =
  | { kind: 'tag'; tag: BlockTag }
  | { kind: 'number'; number: bigint }
  | { kind: 'hash'; hash: Uint8Array; requireCanonical: boolean }

const blockTags: readonly BlockTag[] = ['latest', 'earliest', 'pending', 'safe', 'finalized']

function isBlockTag(value: unknown): value is BlockTag {
  return typeof value === 'string' && (blockTags as readonly string[]).includes(value)
}

/** A block number or tag (BlockNumberOrTag); absent means `latest` when a default is allowed. */
export function parseBlockNumberOrTag(value: unknown, path: ParamPath): BlockSelector {
  if (value === undefined || value === null) return { kind: 'tag', tag: 'latest' }
  if (isBlockTag(value)) return { kind: 'tag', tag: value }
  if (typeof value === 'string' && (value.startsWith('0x') || value.startsWith('0X'))) {
    return { kind: 'number', number: parseUint64(value, path) }
  }
  return fail(path, `invalid block number or tag ${JSON.stringify(value)}`)
}

/** A block number, tag, hash, or EIP-1898 object {blockHash, requireCanonical} / {blockNumber}. */
export function parseBlockId(value: unknown, path: ParamPath): BlockSelector {
  if (typeof value === 'string' && value.length === 66) return { kind: 'hash', hash: parseHash(value, path), requireCanonical: false }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>
    const hasHash = object.blockHash !== undefined
    const hasNumber = object.blockNumber !== undefined
    if (hasHash && hasNumber) fail(path, 'cannot specify both BlockHash and BlockNumber, choose one or the other')
    if (hasHash) {
      const requireCanonical = object.requireCanonical === undefined ? false : parseBoolean(object.requireCanonical, fieldPath(path, 'requireCanonical'))
      return { kind: 'hash', hash: parseHash(object.blockHash, fieldPath(path, 'blockHash')), requireCanonical }
    }
    if (hasNumber) return parseBlockNumberOrTag(object.blockNumber, fieldPath(path, 'blockNumber'))
    return fail(path, 'either BlockHash or BlockNumber must be set')
  }
  return parseBlockNumberOrTag(value, path)
}

function objectOf(value: unknown, path: ParamPath, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, `${what} object expected`)
  return value as Record<string, unknown>
}

function arrayOf(value: unknown, path: ParamPath): unknown[] {
  if (!Array.isArray(value)) fail(path, 'array expected')
  return value
}

function parseAccessList(value: unknown, path: ParamPath): AccessListEntry[] {
  return arrayOf(value, path).map((item, i) => {
    const entry = objectOf(item, `${path}[${i}]`, 'access list entry')
    const keys = entry.storageKeys === undefined || entry.storageKeys === null ? [] : arrayOf(entry.storageKeys, `${path}[${i}].storageKeys`)
    return {
      address: parseAddress(entry.address, `${path}[${i}].address`),
      storageKeys: keys.map((key, k) => parseHash(key, `${path}[${i}].storageKeys[${k}]`)),
    }
  })
}

function parseAuthorizationList(value: unknown, path: ParamPath): AuthorizationEntry[] {
  return arrayOf(value, path).map((item, i) => {
    const at = `${path}[${i}]`
    const entry = objectOf(item, at, 'authorization')
    const yParity = parseQuantity(entry.yParity, `${at}.yParity`, 8)
    return {
      chainId: parseQuantity(entry.chainId, `${at}.chainId`),
      address: parseAddress(entry.address, `${at}.address`),
      nonce: parseUint64(entry.nonce, `${at}.nonce`),
      yParity: Number(yParity),
      r: parseQuantity(entry.r, `${at}.r`),
      s: parseQuantity(entry.s, `${at}.s`),
    }
  })
}

/** A GenericTransaction for eth_call / eth_estimateGas / eth_createAccessList. */
export function parseCallRequest(value: unknown, path: ParamPath): CallRequest {
  const object = objectOf(value, path, 'transaction')
  const request: CallRequest = {}
  const field = (name: string): unknown => (object[name] === null ? undefined : object[name])
  if (field('from') !== undefined) request.from = parseAddress(field('from'), fieldPath(path, 'from'))
  if (object.to === null) request.to = null
  else if (object.to !== undefined) request.to = parseAddress(object.to, fieldPath(path, 'to'))
  if (field('gas') !== undefined) request.gas = parseUint64(field('gas'), fieldPath(path, 'gas'))
  if (field('gasPrice') !== undefined) request.gasPrice = parseQuantity(field('gasPrice'), fieldPath(path, 'gasPrice'))
  if (field('maxFeePerGas') !== undefined) request.maxFeePerGas = parseQuantity(field('maxFeePerGas'), fieldPath(path, 'maxFeePerGas'))
  if (field('maxPriorityFeePerGas') !== undefined) {
    request.maxPriorityFeePerGas = parseQuantity(field('maxPriorityFeePerGas'), fieldPath(path, 'maxPriorityFeePerGas'))
  }
  if (request.gasPrice !== undefined && (request.maxFeePerGas !== undefined || request.maxPriorityFeePerGas !== undefined)) {
    fail(path, 'both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified')
  }
  if (field('value') !== undefined) request.value = parseQuantity(field('value'), fieldPath(path, 'value'))
  if (field('nonce') !== undefined) request.nonce = parseUint64(field('nonce'), fieldPath(path, 'nonce'))
  const input = field('input') === undefined ? undefined : parseData(field('input'), fieldPath(path, 'input'))
  const data = field('data') === undefined ? undefined : parseData(field('data'), fieldPath(path, 'data'))
  if (input !== undefined && data !== undefined && Buffer.compare(input, data) !== 0) {
    fail(path, 'both "data" and "input" are set and not equal. Please use "input" to pass transaction call data')
  }
  const callData = input ?? data
  if (callData !== undefined) request.data = callData
  if (field('accessList') !== undefined) request.accessList = parseAccessList(field('accessList'), fieldPath(path, 'accessList'))
  if (field('authorizationList') !== undefined) {
    request.authorizationList = parseAuthorizationList(field('authorizationList'), fieldPath(path, 'authorizationList'))
  }
  return request
}

function parseStorageMap(value: unknown, path: ParamPath): Map<string, Uint8Array> {
  const object = objectOf(value, path, 'storage')
  const map = new Map<string, Uint8Array>()
  for (const [key, slotValue] of Object.entries(object)) {
    const slot = parseHash(key, `${path}[${key}]`)
    map.set(`0x${Buffer.from(slot).toString('hex')}`, parseHash(slotValue, `${path}[${key}]`))
  }
  return map
}

/** geth-style state overrides: address → {balance, nonce, code, state | stateDiff}. */
export function parseStateOverrides(value: unknown, path: ParamPath): StateOverrides | undefined {
  if (value === undefined || value === null) return undefined
  const object = objectOf(value, path, 'state override')
  const overrides: StateOverrides = new Map()
  for (const [addressHex, raw] of Object.entries(object)) {
    const address = parseAddress(addressHex, path)
    const at = `${path}[${addressHex}]`
    const entry = objectOf(raw, at, 'account override')
    for (const key of Object.keys(entry)) {
      if (!['balance', 'nonce', 'code', 'state', 'stateDiff'].includes(key)) fail(at, `unsupported override field "${key}"`)
    }
    const override: AccountOverride = {}
    if (entry.balance !== undefined && entry.balance !== null) override.balance = parseQuantity(entry.balance, `${at}.balance`)
    if (entry.nonce !== undefined && entry.nonce !== null) override.nonce = parseUint64(entry.nonce, `${at}.nonce`)
    if (entry.code !== undefined && entry.code !== null) override.code = parseData(entry.code, `${at}.code`)
    const hasState = entry.state !== undefined && entry.state !== null
    const hasDiff = entry.stateDiff !== undefined && entry.stateDiff !== null
    if (hasState && hasDiff) fail(at, `has both 'state' and 'stateDiff'`)
    if (hasState) override.state = parseStorageMap(entry.state, `${at}.state`)
    if (hasDiff) override.stateDiff = parseStorageMap(entry.stateDiff, `${at}.stateDiff`)
    overrides.set(`0x${Buffer.from(address).toString('hex')}`, override)
  }
  return overrides
}

/** A log filter as the client sent it; block bounds stay selectors until the query runs. */
export interface FilterCriteria {
  blockHash?: Uint8Array
  fromBlock: BlockSelector
  toBlock: BlockSelector
  addresses: Uint8Array[]
  topics: (Uint8Array[] | null)[]
}

/** The most topic positions a log can have, and so a filter. */
const maxTopics = 4

export function parseFilterCriteria(value: unknown, path: ParamPath): FilterCriteria {
  const object = objectOf(value, path, 'filter')
  const hasRange = (object.fromBlock !== undefined && object.fromBlock !== null) || (object.toBlock !== undefined && object.toBlock !== null)
  const criteria: FilterCriteria = {
    fromBlock: parseBlockNumberOrTag(object.fromBlock, fieldPath(path, 'fromBlock')),
    toBlock: parseBlockNumberOrTag(object.toBlock, fieldPath(path, 'toBlock')),
    addresses: [],
    topics: [],
  }
  if (object.blockHash !== undefined && object.blockHash !== null) {
    if (hasRange) fail(path, 'cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other')
    criteria.blockHash = parseHash(object.blockHash, fieldPath(path, 'blockHash'))
  }
  if (typeof object.address === 'string') criteria.addresses = [parseAddress(object.address, fieldPath(path, 'address'))]
  else if (Array.isArray(object.address)) {
    criteria.addresses = object.address.map((item, i) => parseAddress(item, fieldPath(path, `address[${i}]`)))
  } else if (object.address !== undefined && object.address !== null) fail(fieldPath(path, 'address'), 'address or array of addresses expected')
  if (object.topics !== undefined && object.topics !== null) {
    const topics = arrayOf(object.topics, fieldPath(path, 'topics'))
    if (topics.length > maxTopics) fail(path, 'exceed max topics')
    criteria.topics = topics.map((topic, i) => {
      const at = fieldPath(path, `topics[${i}]`)
      if (topic === null) return null
      if (typeof topic === 'string') return [parseHash(topic, at)]
      const alternatives = arrayOf(topic, at)
      if (alternatives.some((t) => t === null)) return null
      return alternatives.map((t, k) => parseHash(t, `${at}[${k}]`))
    })
  }
  return criteria
}
