/**
 * The deposit transaction (EIP-2718 type 0x7E) with OP Stack's encoding and hashing:
 * `0x7E ‖ rlp([sourceHash, from, to, mint, value, gas, isSystemTx, data])`, `to` empty for a
 * create; hash = keccak256 of those bytes. It has no nonce and no signature: `from` is given by
 * NoM (the depositor's 20 raw address bytes) and the deposit is authorised by NoM's ordering.
 *
 * sourceHash (what makes each deposit unique, DESIGN.md "Deposits"):
 * - user deposit: keccak256(bytes32(0) ‖ keccak256(momentumHash ‖ bytes32(depositIndex)))
 * - origin info (system deposit): keccak256(bytes32(1) ‖ keccak256(momentumHash ‖ bytes32(sequenceNumber)))
 */
import { RLP } from '@ethereumjs/rlp'
import { bigIntToUnpaddedBytes, bytesToBigInt, concatBytes, setLengthLeft } from '@ethereumjs/util'
import { keccak256 } from '../keccak256.ts'

export const DEPOSIT_TX_TYPE = 0x7e

/** Receipt encoding version of deposits (OP Canyon: depositNonce and version in the consensus encoding). */
export const DEPOSIT_RECEIPT_VERSION = 1n

export interface DepositTx {
  /** 32 bytes: where the deposit comes from (unique per deposit). */
  sourceHash: Uint8Array
  /** 20 bytes. */
  from: Uint8Array
  /** 20 bytes, or null for a contract creation. */
  to: Uint8Array | null
  /** Wei credited to `from` before execution; never rolled back. */
  mint: bigint
  /** Wei sent from `from` to `to` by the call. */
  value: bigint
  /** Gas limit of the call (no fee is charged for it). */
  gas: bigint
  /** Always false here (OP's Regolith rules: no gas-free system txs). */
  isSystemTx: boolean
  data: Uint8Array
}

/** Raised for bytes that are not a well-formed deposit transaction. */
export class DepositTxDecodeError extends Error {
  override readonly name = 'DepositTxDecodeError'
}

const UINT64_MAX = (1n << 64n) - 1n

export function encodeDepositTx(tx: DepositTx): Uint8Array {
  const body = RLP.encode([
    tx.sourceHash,
    tx.from,
    tx.to ?? new Uint8Array(),
    bigIntToUnpaddedBytes(tx.mint),
    bigIntToUnpaddedBytes(tx.value),
    bigIntToUnpaddedBytes(tx.gas),
    tx.isSystemTx ? Uint8Array.of(1) : new Uint8Array(),
    tx.data,
  ])
  return concatBytes(Uint8Array.of(DEPOSIT_TX_TYPE), body)
}

export function depositTxHash(tx: DepositTx): Uint8Array {
  return keccak256(encodeDepositTx(tx))
}

function quantity(bytes: Uint8Array, field: string, max?: bigint): bigint {
  if (bytes.length > 0 && bytes[0] === 0) throw new DepositTxDecodeError(`deposit ${field} has leading zero bytes`)
  if (bytes.length > 32) throw new DepositTxDecodeError(`deposit ${field} is longer than 32 bytes`)
  const value = bytesToBigInt(bytes)
  if (max !== undefined && value > max) throw new DepositTxDecodeError(`deposit ${field} overflows uint64`)
  return value
}

/** Decodes `0x7E ‖ rlp([...])`; throws DepositTxDecodeError for anything else. */
export function decodeDepositTx(bytes: Uint8Array): DepositTx {
  if (bytes.length === 0 || bytes[0] !== DEPOSIT_TX_TYPE) throw new DepositTxDecodeError('not a deposit transaction (type 0x7e)')
  let decoded: unknown
  try {
    decoded = RLP.decode(bytes.subarray(1))
  } catch (cause) {
    throw new DepositTxDecodeError(`deposit RLP is malformed: ${(cause as Error).message}`, { cause })
  }
  if (!Array.isArray(decoded) || decoded.length !== 8) throw new DepositTxDecodeError('deposit must be an RLP list of 8 fields')
  const fields = decoded as unknown[]
  if (!fields.every((f) => f instanceof Uint8Array)) throw new DepositTxDecodeError('deposit fields must be byte strings')
  const [sourceHash, from, to, mint, value, gas, isSystemTx, data] = fields as Uint8Array[] as [
    Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array,
  ]
  if (sourceHash.length !== 32) throw new DepositTxDecodeError('deposit sourceHash must be 32 bytes')
  if (from.length !== 20) throw new DepositTxDecodeError('deposit from must be 20 bytes')
  if (to.length !== 0 && to.length !== 20) throw new DepositTxDecodeError('deposit to must be 20 bytes or empty')
  if (isSystemTx.length > 1 || (isSystemTx.length === 1 && isSystemTx[0] !== 1)) {
    throw new DepositTxDecodeError('deposit isSystemTx must be a boolean')
  }
  return {
    sourceHash,
    from,
    to: to.length === 0 ? null : to,
    mint: quantity(mint, 'mint'),
    value: quantity(value, 'value'),
    gas: quantity(gas, 'gas', UINT64_MAX),
    isSystemTx: isSystemTx.length === 1,
    data,
  }
}

function sourceHash(domain: bigint, momentumHash: Uint8Array, marker: bigint): Uint8Array {
  if (momentumHash.length !== 32) throw new RangeError('momentum hash must be 32 bytes')
  const inner = keccak256(concatBytes(momentumHash, setLengthLeft(bigIntToUnpaddedBytes(marker), 32)))
  return keccak256(concatBytes(setLengthLeft(bigIntToUnpaddedBytes(domain), 32), inner))
}

/** sourceHash of the user deposit with per-chain index `depositIndex`, made in momentum `momentumHash`. */
export function userDepositSourceHash(momentumHash: Uint8Array, depositIndex: bigint): Uint8Array {
  return sourceHash(0n, momentumHash, depositIndex)
}

/**
 * sourceHash of the system deposit writing origin `momentumHash` into NoMInfo;
 * `sequenceNumber` = how many L2 blocks before this one had the same origin.
 */
export function originInfoSourceHash(momentumHash: Uint8Array, sequenceNumber: bigint): Uint8Array {
  return sourceHash(1n, momentumHash, sequenceNumber)
}
