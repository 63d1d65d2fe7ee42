/**
 * go-zenon JSON codecs (reference §2.1, §3, §4). Key order follows go-zenon's structs so a devnet
 * serving through these matches a real node byte for byte: amounts/balances/supplies are decimal
 * strings, data/publicKey/signature base64 (empty publicKey/signature serialize as null, as Go's
 * nil slices do), hashes lowercase hex, heights and plasma JSON numbers, nonce 16 hex characters.
 * Decoders are strict: a missing or ill-typed field throws InvalidJSONError naming it.
 */
import type { AccountBlock, AccountHeader, Address, ConfirmationDetail, HashHeight, Momentum, TokenInfo, TokenStandard } from './types.ts'
import { BlockType } from './types.ts'
import { formatAddress } from './address.ts'
import { formatTokenStandard } from './tokenStandard.ts'
import { momentumProducer } from './momentum.ts'
import { bytesEqual, toHex } from './hash.ts'
import type { JSONObject } from './jsonReader.ts'
import {
  fail,
  field,
  readAddress,
  readArray,
  readBase64,
  readBase64Sized,
  readBool,
  readDecimal,
  readHash,
  readHexFixed,
  readInt,
  readNullable,
  readObject,
  readString,
  readTokenStandard,
  readUint,
  toBase64,
  toJSONNumber,
} from './jsonReader.ts'

/** An account block as RPC reads return it: the block plus go-zenon's three extra keys. */
export interface AccountBlockWithExtras extends AccountBlock {
  token: TokenInfo | null
  confirmationDetail: ConfirmationDetail | null
  pairedAccountBlock: AccountBlockWithExtras | null
}

export interface AccountBlockExtras {
  token: TokenInfo | null
  confirmationDetail: ConfirmationDetail | null
  pairedAccountBlock: AccountBlockWithExtras | null
}

/** A momentum as the RPC returns it (with `producer`, derived from publicKey). */
export interface MomentumWithProducer extends Momentum {
  producer: Address
}

export interface BalanceInfo {
  tokenStandard: TokenStandard
  token: TokenInfo | null
  balance: bigint
}

/** `ledger.getAccountInfoByAddress`; balances sorted by ZTS text, as Go sorts map keys. */
export interface AccountInfo {
  address: Address
  accountHeight: bigint
  balances: BalanceInfo[]
}

const BLOCK_TYPES = new Set<number>(Object.values(BlockType))

// ---- small pieces -------------------------------------------------------------------------

export function hashHeightToJSON(h: HashHeight): JSONObject {
  return { hash: toHex(h.hash), height: toJSONNumber(h.height, 'height') }
}

export function hashHeightFromJSON(v: unknown, path = 'hashHeight'): HashHeight {
  const o = readObject(v, path)
  return { hash: readHash(field(o, 'hash', path), `${path}.hash`), height: readUint(field(o, 'height', path), `${path}.height`) }
}

export function accountHeaderToJSON(h: AccountHeader): JSONObject {
  return { address: formatAddress(h.address), hash: toHex(h.hash), height: toJSONNumber(h.height, 'height') }
}

export function accountHeaderFromJSON(v: unknown, path = 'accountHeader'): AccountHeader {
  const o = readObject(v, path)
  return {
    address: readAddress(field(o, 'address', path), `${path}.address`),
    hash: readHash(field(o, 'hash', path), `${path}.hash`),
    height: readUint(field(o, 'height', path), `${path}.height`),
  }
}

function nullableBytes(b: Uint8Array): string | null {
  return b.length === 0 ? null : toBase64(b)
}

// ---- token info and confirmation detail ----------------------------------------------------

export function tokenInfoToJSON(t: TokenInfo): JSONObject {
  return {
    name: t.name,
    symbol: t.symbol,
    domain: t.domain,
    totalSupply: t.totalSupply.toString(),
    decimals: t.decimals,
    owner: formatAddress(t.owner),
    tokenStandard: formatTokenStandard(t.tokenStandard),
    maxSupply: t.maxSupply.toString(),
    isBurnable: t.isBurnable,
    isMintable: t.isMintable,
    isUtility: t.isUtility,
  }
}

export function tokenInfoFromJSON(v: unknown, path = 'token'): TokenInfo {
  const o = readObject(v, path)
  const decimals = readUint(field(o, 'decimals', path), `${path}.decimals`)
  if (decimals > 255n) fail(`${path}.decimals`, 'a uint8', o.decimals)
  return {
    name: readString(field(o, 'name', path), `${path}.name`),
    symbol: readString(field(o, 'symbol', path), `${path}.symbol`),
    domain: readString(field(o, 'domain', path), `${path}.domain`),
    totalSupply: readDecimal(field(o, 'totalSupply', path), `${path}.totalSupply`),
    decimals: Number(decimals),
    owner: readAddress(field(o, 'owner', path), `${path}.owner`),
    tokenStandard: readTokenStandard(field(o, 'tokenStandard', path), `${path}.tokenStandard`),
    maxSupply: readDecimal(field(o, 'maxSupply', path), `${path}.maxSupply`),
    isBurnable: readBool(field(o, 'isBurnable', path), `${path}.isBurnable`),
    isMintable: readBool(field(o, 'isMintable', path), `${path}.isMintable`),
    isUtility: readBool(field(o, 'isUtility', path), `${path}.isUtility`),
  }
}

export function confirmationDetailToJSON(c: ConfirmationDetail): JSONObject {
  return {
    numConfirmations: toJSONNumber(c.numConfirmations, 'numConfirmations'),
    momentumHeight: toJSONNumber(c.momentumHeight, 'momentumHeight'),
    momentumHash: toHex(c.momentumHash),
    momentumTimestamp: toJSONNumber(c.momentumTimestamp, 'momentumTimestamp'),
  }
}

export function confirmationDetailFromJSON(v: unknown, path = 'confirmationDetail'): ConfirmationDetail {
  const o = readObject(v, path)
  return {
    numConfirmations: readUint(field(o, 'numConfirmations', path), `${path}.numConfirmations`),
    momentumHeight: readUint(field(o, 'momentumHeight', path), `${path}.momentumHeight`),
    momentumHash: readHash(field(o, 'momentumHash', path), `${path}.momentumHash`),
    momentumTimestamp: readInt(field(o, 'momentumTimestamp', path), `${path}.momentumTimestamp`),
  }
}

// ---- account blocks ------------------------------------------------------------------------

/**
 * go-zenon JSON of a block. Without `extras` it is the `nom.AccountBlock` form (what
 * publishRawTransaction takes, and what descendantBlocks hold); with `extras` it is the RPC read
 * form with `token`, `confirmationDetail` and `pairedAccountBlock` appended.
 */
export function accountBlockToJSON(b: AccountBlock, extras?: AccountBlockExtras): JSONObject {
  const j: JSONObject = {
    version: toJSONNumber(b.version, 'version'),
    chainIdentifier: toJSONNumber(b.chainIdentifier, 'chainIdentifier'),
    blockType: b.blockType,
    hash: toHex(b.hash),
    previousHash: toHex(b.previousHash),
    height: toJSONNumber(b.height, 'height'),
    momentumAcknowledged: hashHeightToJSON(b.momentumAcknowledged),
    address: formatAddress(b.address),
    toAddress: formatAddress(b.toAddress),
    amount: b.amount.toString(),
    tokenStandard: formatTokenStandard(b.tokenStandard),
    fromBlockHash: toHex(b.fromBlockHash),
    descendantBlocks: b.descendantBlocks.map((d) => accountBlockToJSON(d)),
    data: toBase64(b.data),
    fusedPlasma: toJSONNumber(b.fusedPlasma, 'fusedPlasma'),
    difficulty: toJSONNumber(b.difficulty, 'difficulty'),
    nonce: toHex(b.nonce),
    basePlasma: toJSONNumber(b.basePlasma, 'basePlasma'),
    usedPlasma: toJSONNumber(b.usedPlasma, 'usedPlasma'),
    changesHash: toHex(b.changesHash),
    publicKey: nullableBytes(b.publicKey),
    signature: nullableBytes(b.signature),
  }
  if (extras !== undefined) {
    j.token = extras.token === null ? null : tokenInfoToJSON(extras.token)
    j.confirmationDetail = extras.confirmationDetail === null ? null : confirmationDetailToJSON(extras.confirmationDetail)
    j.pairedAccountBlock = extras.pairedAccountBlock === null ? null : accountBlockToJSON(extras.pairedAccountBlock, extras.pairedAccountBlock)
  }
  return j
}

/** Strict decoder of the `nom.AccountBlock` keys (extra keys are ignored). */
export function accountBlockFromJSON(v: unknown, path = 'accountBlock'): AccountBlock {
  const o = readObject(v, path)
  const f = (k: string) => field(o, k, path)
  const p = (k: string) => `${path}.${k}`
  const blockType = readUint(f('blockType'), p('blockType'))
  if (!BLOCK_TYPES.has(Number(blockType))) fail(p('blockType'), 'a block type 1..5', o.blockType)
  const descendants = f('descendantBlocks')
  return {
    version: readUint(f('version'), p('version')),
    chainIdentifier: readUint(f('chainIdentifier'), p('chainIdentifier')),
    blockType: Number(blockType) as BlockType,
    hash: readHash(f('hash'), p('hash')),
    previousHash: readHash(f('previousHash'), p('previousHash')),
    height: readUint(f('height'), p('height')),
    momentumAcknowledged: hashHeightFromJSON(f('momentumAcknowledged'), p('momentumAcknowledged')),
    address: readAddress(f('address'), p('address')),
    toAddress: readAddress(f('toAddress'), p('toAddress')),
    amount: readDecimal(f('amount'), p('amount')),
    tokenStandard: readTokenStandard(f('tokenStandard'), p('tokenStandard')),
    fromBlockHash: readHash(f('fromBlockHash'), p('fromBlockHash')),
    descendantBlocks: descendants === null ? [] : readArray(descendants, p('descendantBlocks')).map((d, i) => accountBlockFromJSON(d, `${path}.descendantBlocks[${i}]`)),
    data: readBase64(f('data'), p('data')),
    fusedPlasma: readUint(f('fusedPlasma'), p('fusedPlasma')),
    difficulty: readUint(f('difficulty'), p('difficulty')),
    nonce: readHexFixed(f('nonce'), p('nonce'), 8),
    basePlasma: readUint(f('basePlasma'), p('basePlasma')),
    usedPlasma: readUint(f('usedPlasma'), p('usedPlasma')),
    changesHash: readHash(f('changesHash'), p('changesHash')),
    publicKey: readBase64Sized(f('publicKey'), p('publicKey'), 32),
    signature: readBase64Sized(f('signature'), p('signature'), 64),
  }
}

/** Strict decoder of the RPC read form (the three extra keys must be present, each may be null). */
export function accountBlockWithExtrasFromJSON(v: unknown, path = 'accountBlock'): AccountBlockWithExtras {
  const block = accountBlockFromJSON(v, path)
  const o = v as JSONObject
  return {
    ...block,
    token: readNullable(field(o, 'token', path), `${path}.token`, tokenInfoFromJSON),
    confirmationDetail: readNullable(field(o, 'confirmationDetail', path), `${path}.confirmationDetail`, confirmationDetailFromJSON),
    pairedAccountBlock: readNullable(field(o, 'pairedAccountBlock', path), `${path}.pairedAccountBlock`, accountBlockWithExtrasFromJSON),
  }
}

// ---- momentums -----------------------------------------------------------------------------

/** RPC form of a momentum, `producer` last (derived from publicKey; genesis: empty-key address). */
export function momentumToJSON(m: Momentum): JSONObject {
  return {
    version: toJSONNumber(m.version, 'version'),
    chainIdentifier: toJSONNumber(m.chainIdentifier, 'chainIdentifier'),
    hash: toHex(m.hash),
    previousHash: toHex(m.previousHash),
    height: toJSONNumber(m.height, 'height'),
    timestamp: toJSONNumber(m.timestamp, 'timestamp'),
    data: toBase64(m.data),
    content: m.content.map(accountHeaderToJSON),
    changesHash: toHex(m.changesHash),
    publicKey: nullableBytes(m.publicKey),
    signature: nullableBytes(m.signature),
    producer: formatAddress(momentumProducer(m)),
  }
}

/** Strict decoder; `producer` must be present and match the public key. */
export function momentumFromJSON(v: unknown, path = 'momentum'): MomentumWithProducer {
  const o = readObject(v, path)
  const f = (k: string) => field(o, k, path)
  const p = (k: string) => `${path}.${k}`
  const content = f('content')
  const m: Momentum = {
    version: readUint(f('version'), p('version')),
    chainIdentifier: readUint(f('chainIdentifier'), p('chainIdentifier')),
    hash: readHash(f('hash'), p('hash')),
    previousHash: readHash(f('previousHash'), p('previousHash')),
    height: readUint(f('height'), p('height')),
    timestamp: readUint(f('timestamp'), p('timestamp')),
    data: readBase64(f('data'), p('data')),
    content: content === null ? [] : readArray(content, p('content')).map((c, i) => accountHeaderFromJSON(c, `${path}.content[${i}]`)),
    changesHash: readHash(f('changesHash'), p('changesHash')),
    publicKey: readBase64Sized(f('publicKey'), p('publicKey'), 32),
    signature: readBase64Sized(f('signature'), p('signature'), 64),
  }
  const producer = readAddress(f('producer'), p('producer'))
  if (!bytesEqual(producer, momentumProducer(m))) fail(p('producer'), 'the address of publicKey', o.producer)
  return { ...m, producer }
}

// ---- account info --------------------------------------------------------------------------

export function accountInfoToJSON(a: AccountInfo): JSONObject {
  const entries = a.balances
    .map((b) => [formatTokenStandard(b.tokenStandard), b] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
  const map: JSONObject = {}
  for (const [key, b] of entries) map[key] = { token: b.token === null ? null : tokenInfoToJSON(b.token), balance: b.balance.toString() }
  return { address: formatAddress(a.address), accountHeight: toJSONNumber(a.accountHeight, 'accountHeight'), balanceInfoMap: map }
}

export function accountInfoFromJSON(v: unknown, path = 'accountInfo'): AccountInfo {
  const o = readObject(v, path)
  const mapValue = field(o, 'balanceInfoMap', path)
  const map = mapValue === null ? {} : readObject(mapValue, `${path}.balanceInfoMap`)
  const balances: BalanceInfo[] = []
  for (const [key, value] of Object.entries(map)) {
    const bp = `${path}.balanceInfoMap.${key}`
    const tokenStandard = readTokenStandard(key, `${path}.balanceInfoMap key`)
    const b = readObject(value, bp)
    balances.push({
      tokenStandard,
      token: readNullable(field(b, 'token', bp), `${bp}.token`, tokenInfoFromJSON),
      balance: readDecimal(field(b, 'balance', bp), `${bp}.balance`),
    })
  }
  return {
    address: readAddress(field(o, 'address', path), `${path}.address`),
    accountHeight: readUint(field(o, 'accountHeight', path), `${path}.accountHeight`),
    balances,
  }
}

/** Balance of `zts` in an AccountInfo (0 when absent). */
export function balanceOf(info: AccountInfo, zts: TokenStandard): bigint {
  return info.balances.find((b) => bytesEqual(b.tokenStandard, zts))?.balance ?? 0n
}
