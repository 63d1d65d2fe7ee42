/**
 * Structural decoding of a raw (EIP-2718) transaction for admission: the RLP shape of every field,
 * checked before @ethereumjs/tx sees the bytes, so each malformed input gets one clear geth-style
 * message (`rlp: …`, `typed transaction too short`, `transaction type not supported`) instead of
 * whatever the library's constructor throws first. Semantic checks (chain id, signature, fees) are
 * in validateTransaction.ts.
 */
import { decodeRLP as decodeRLPItems, type RLPItem } from '../chain/decodeRLP.ts'
import { keccak256 } from '../keccak256.ts'
import { TransactionRejectedError } from '../errors.ts'

type Nested = RLPItem


export const TxType = { Legacy: 0, AccessList: 1, DynamicFee: 2, Blob: 3, SetCode: 4 } as const

/** One access-list entry as raw bytes: address (20) and storage keys (32 each). */
export type RawAccessListItem = [Uint8Array, Uint8Array[]]

/** One EIP-7702 authorization tuple as raw bytes: [chainId, address, nonce, yParity, r, s]. */
export type RawAuthorization = [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array]

export interface DecodedTransaction {
  type: number
  /** The serialized transaction as received. */
  raw: Uint8Array
  hash: Uint8Array
  /** Byte length of the serialized transaction. */
  size: number
  /** Typed: the chainId field. Legacy: derived from an EIP-155 v (undefined otherwise). */
  chainId: bigint | undefined
  /** False only for a legacy signature without EIP-155 (v = 27/28, or 0/1 as geth reads it). */
  replayProtected: boolean
  nonce: bigint
  /** maxFeePerGas, or gasPrice for types 0 and 1. */
  feeCap: bigint
  /** maxPriorityFeePerGas, or gasPrice for types 0 and 1. */
  tipCap: bigint
  gasLimit: bigint
  /** undefined = contract creation. */
  to: Uint8Array | undefined
  value: bigint
  data: Uint8Array
  accessList: RawAccessListItem[]
  authorizationList: RawAuthorization[]
  /** Legacy: v as signed; typed: the y parity. */
  v: bigint
  r: bigint
  s: bigint
  /** The RLP fields that are signed (typed: without the signature; legacy: all nine). */
  fields: Nested[]
}

/** geth's names for the decoding target, used in its `rlp:` messages. */
const typeNames: Record<number, string> = {
  [TxType.Legacy]: 'types.LegacyTx',
  [TxType.AccessList]: 'types.AccessListTx',
  [TxType.DynamicFee]: 'types.DynamicFeeTx',
  [TxType.SetCode]: 'types.SetCodeTx',
}

/** Field layout per type: name and kind, in RLP order. */
type FieldKind = 'uint64' | 'uint256' | 'address' | 'optionalAddress' | 'bytes' | 'accessList' | 'authorizationList'
const layouts: Record<number, [string, FieldKind][]> = {
  [TxType.Legacy]: [
    ['Nonce', 'uint64'], ['GasPrice', 'uint256'], ['Gas', 'uint64'], ['To', 'optionalAddress'],
    ['Value', 'uint256'], ['Data', 'bytes'], ['V', 'uint256'], ['R', 'uint256'], ['S', 'uint256'],
  ],
  [TxType.AccessList]: [
    ['ChainID', 'uint256'], ['Nonce', 'uint64'], ['GasPrice', 'uint256'], ['Gas', 'uint64'],
    ['To', 'optionalAddress'], ['Value', 'uint256'], ['Data', 'bytes'], ['AccessList', 'accessList'],
    ['V', 'uint256'], ['R', 'uint256'], ['S', 'uint256'],
  ],
  [TxType.DynamicFee]: [
    ['ChainID', 'uint256'], ['Nonce', 'uint64'], ['GasTipCap', 'uint256'], ['GasFeeCap', 'uint256'],
    ['Gas', 'uint64'], ['To', 'optionalAddress'], ['Value', 'uint256'], ['Data', 'bytes'],
    ['AccessList', 'accessList'], ['V', 'uint256'], ['R', 'uint256'], ['S', 'uint256'],
  ],
  [TxType.SetCode]: [
    ['ChainID', 'uint256'], ['Nonce', 'uint64'], ['GasTipCap', 'uint256'], ['GasFeeCap', 'uint256'],
    ['Gas', 'uint64'], ['To', 'optionalAddress'], ['Value', 'uint256'], ['Data', 'bytes'],
    ['AccessList', 'accessList'], ['AuthList', 'authorizationList'], ['V', 'uint256'], ['R', 'uint256'],
    ['S', 'uint256'],
  ],
}

function reject(message: string): never {
  throw new TransactionRejectedError(message)
}

/** @ethereumjs/rlp's decoding errors in geth's rlp package wording. */
const rlpMessages: [RegExp, string][] = [
  [/remainder must be zero/, 'rlp: input contains more than one value'],
  [/safeSlice|not enough bytes|larger than the data|list too short/, 'rlp: value size exceeds available input length'],
  [/extra zeros|single byte < 0x80|greater than 55/, 'rlp: non-canonical size information'],
]

function decodeRLP(bytes: Uint8Array): Nested {
  try {
    return decodeRLPItems(bytes)
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err)
    const known = rlpMessages.find(([pattern]) => pattern.test(text))
    reject(known?.[1] ?? `rlp: ${text}`)
  }
}

/** Big-endian unsigned value: the leading bytes as a number, then 64-bit words (r and s are 32 bytes). */
function bytesToBigInt(bytes: Uint8Array): bigint {
  const head = bytes.length % 8
  // At most 6 bytes in a number (2^48 < 2^53); a 7th goes first, as a bigint.
  const skip = head === 7 ? 1 : 0
  let first = 0
  for (let i = skip; i < head; i++) first = first * 256 + (bytes[i] as number)
  let out = skip === 1 ? (BigInt(bytes[0] as number) << 48n) | BigInt(first) : BigInt(first)
  if (bytes.length < 8) return out
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length)
  for (let i = head; i < bytes.length; i += 8) out = (out << 64n) | view.getBigUint64(i)
  return out
}

function checkInteger(value: Nested, kind: 'uint64' | 'uint256' | 'uint8', where: string): bigint {
  if (!(value instanceof Uint8Array)) reject(`rlp: expected input string or byte for ${kind}, decoding into ${where}`)
  const max = kind === 'uint64' ? 8 : kind === 'uint8' ? 1 : 32
  if (value.length > max) reject(`rlp: input string too long for ${kind}, decoding into ${where}`)
  if (value.length > 0 && value[0] === 0) {
    reject(`rlp: non-canonical integer (leading zero bytes) for ${kind}, decoding into ${where}`)
  }
  return bytesToBigInt(value)
}

function checkAddress(value: Nested, where: string): Uint8Array {
  if (!(value instanceof Uint8Array)) reject(`rlp: expected input string or byte for common.Address, decoding into ${where}`)
  if (value.length < 20) reject(`rlp: input string too short for common.Address, decoding into ${where}`)
  if (value.length > 20) reject(`rlp: input string too long for common.Address, decoding into ${where}`)
  return value
}

function checkAccessList(value: Nested, where: string): RawAccessListItem[] {
  if (!Array.isArray(value)) reject(`rlp: expected input list for types.AccessList, decoding into ${where}`)
  return value.map((item, i) => {
    const at = `${where}[${i}]`
    if (!Array.isArray(item)) reject(`rlp: expected input list for types.AccessTuple, decoding into ${at}`)
    if (item.length < 2) reject(`rlp: too few elements for types.AccessTuple, decoding into ${at}`)
    if (item.length > 2) reject(`rlp: input list has too many elements for types.AccessTuple, decoding into ${at}`)
    const address = checkAddress(item[0]!, `${at}.Address`)
    const keys = item[1]!
    if (!Array.isArray(keys)) reject(`rlp: expected input list for []common.Hash, decoding into ${at}.StorageKeys`)
    const storageKeys = keys.map((key, j) => {
      const keyAt = `${at}.StorageKeys[${j}]`
      if (!(key instanceof Uint8Array)) reject(`rlp: expected input string or byte for common.Hash, decoding into ${keyAt}`)
      if (key.length < 32) reject(`rlp: input string too short for common.Hash, decoding into ${keyAt}`)
      if (key.length > 32) reject(`rlp: input string too long for common.Hash, decoding into ${keyAt}`)
      return key
    })
    return [address, storageKeys]
  })
}

function checkAuthorizationList(value: Nested, where: string): RawAuthorization[] {
  if (!Array.isArray(value)) reject(`rlp: expected input list for []types.SetCodeAuthorization, decoding into ${where}`)
  return value.map((item, i) => {
    const at = `${where}[${i}]`
    if (!Array.isArray(item)) reject(`rlp: expected input list for types.SetCodeAuthorization, decoding into ${at}`)
    if (item.length < 6) reject(`rlp: too few elements for types.SetCodeAuthorization, decoding into ${at}`)
    if (item.length > 6) {
      reject(`rlp: input list has too many elements for types.SetCodeAuthorization, decoding into ${at}`)
    }
    checkInteger(item[0]!, 'uint256', `${at}.ChainID`)
    checkAddress(item[1]!, `${at}.Address`)
    checkInteger(item[2]!, 'uint64', `${at}.Nonce`)
    checkInteger(item[3]!, 'uint8', `${at}.V`)
    checkInteger(item[4]!, 'uint256', `${at}.R`)
    checkInteger(item[5]!, 'uint256', `${at}.S`)
    return item as RawAuthorization
  })
}

/**
 * Decodes a serialized transaction of type 0, 1, 2 or 4. Type 3 and unknown types are only checked
 * to be well-formed RLP here and come back with `fields` empty; admission refuses them next.
 * Throws TransactionRejectedError with a geth-style `rlp:` message on any malformed field.
 * `hash` is keccak256(raw) when the caller has it already (a replica's check worker computed it).
 */
export function decodeTransaction(raw: Uint8Array, hash: Uint8Array = keccak256(raw)): DecodedTransaction {
  if (raw.length === 0) reject('typed transaction too short')
  const first = raw[0]!
  let type: number
  let payload: Uint8Array
  if (first >= 0xc0) {
    type = TxType.Legacy
    payload = raw
  } else if (first >= 0x80) {
    reject('rlp: expected input list for types.LegacyTx')
  } else {
    if (raw.length <= 1) reject('typed transaction too short')
    type = first
    payload = raw.subarray(1)
  }
  const layout = layouts[type]
  const name = typeNames[type]
  if (layout === undefined || name === undefined) {
    if (type !== TxType.Blob) reject('transaction type not supported')
    decodeRLP(payload)
    return blobPlaceholder(raw, hash)
  }
  const decoded = decodeRLP(payload)
  if (!Array.isArray(decoded)) reject(`rlp: expected input list for ${name}`)
  if (decoded.length < layout.length) reject(`rlp: too few elements for ${name}`)
  if (decoded.length > layout.length) reject(`rlp: input list has too many elements for ${name}`)

  const ints: Record<string, bigint> = {}
  let to: Uint8Array | undefined
  let data: Uint8Array = new Uint8Array(0)
  let accessList: RawAccessListItem[] = []
  let authorizationList: RawAuthorization[] = []
  layout.forEach(([field, kind], i) => {
    const value = decoded[i]!
    const where = `(${name}).${field}`
    switch (kind) {
      case 'uint64':
      case 'uint256':
        ints[field] = checkInteger(value, kind, where)
        break
      case 'optionalAddress':
        if (value instanceof Uint8Array && value.length === 0) to = undefined
        else to = checkAddress(value, where)
        break
      case 'address':
        to = checkAddress(value, where)
        break
      case 'bytes':
        if (!(value instanceof Uint8Array)) reject(`rlp: expected input string or byte for []uint8, decoding into ${where}`)
        data = value
        break
      case 'accessList':
        accessList = checkAccessList(value, where)
        break
      case 'authorizationList':
        authorizationList = checkAuthorizationList(value, where)
        break
    }
  })
  const int = (field: string): bigint => ints[field] ?? 0n
  const v = int('V')
  const legacy = type === TxType.Legacy
  return {
    type,
    raw,
    hash,
    size: raw.length,
    chainId: legacy ? legacyChainId(v) : int('ChainID'),
    replayProtected: !legacy || !(v === 0n || v === 1n || v === 27n || v === 28n),
    nonce: int('Nonce'),
    feeCap: type === TxType.Legacy || type === TxType.AccessList ? int('GasPrice') : int('GasFeeCap'),
    tipCap: type === TxType.Legacy || type === TxType.AccessList ? int('GasPrice') : int('GasTipCap'),
    gasLimit: int('Gas'),
    to,
    value: int('Value'),
    data,
    accessList,
    authorizationList,
    v,
    r: int('R'),
    s: int('S'),
    fields: legacy ? decoded : decoded.slice(0, layout.length - 3),
  }
}

/** Chain id an EIP-155 legacy v commits to; undefined when v is not of the form 2·id + 35/36. */
function legacyChainId(v: bigint): bigint | undefined {
  return v < 35n ? undefined : (v - 35n) / 2n
}

function blobPlaceholder(raw: Uint8Array, hash: Uint8Array): DecodedTransaction {
  return {
    type: TxType.Blob, raw, hash, size: raw.length, chainId: undefined, replayProtected: true, nonce: 0n, feeCap: 0n, tipCap: 0n,
    gasLimit: 0n, to: undefined, value: 0n, data: new Uint8Array(0), accessList: [], authorizationList: [],
    v: 0n, r: 0n, s: 0n, fields: [],
  }
}
