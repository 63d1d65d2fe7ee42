/**
 * Stored receipts of one block (`receipts` sublevel): RLP list, per tx
 * [type, status, cumulativeGasUsed, gasUsed, effectiveGasPrice, contractAddress (or empty), [[address, [topic…], data]…]],
 * with [depositNonce, depositReceiptVersion] appended for a deposit (type 0x7E).
 * Everything else a TxReceipt carries (hashes, sender, block position, bloom) is derived from the
 * block on read.
 */
import { RLP } from '@ethereumjs/rlp'
import { Bloom } from '@ethereumjs/vm'
import { bytesToBigInt } from '@ethereumjs/util'
import type { LogEntry, SealedBlock, TxReceipt } from '../backend.ts'
import { DEPOSIT_TX_TYPE } from '../deposits/depositTx.ts'
import { StorageError } from '../errors.ts'
import { transactionAt } from './blockTransactions.ts'
import { encodeRLP, uintBytes, type RLPInput } from './encodeRLP.ts'

/** What execution knows about a tx's outcome; the rest of a receipt comes from its block. */
export interface ExecutedReceipt {
  type: number
  status: 0 | 1
  cumulativeGasUsed: bigint
  gasUsed: bigint
  effectiveGasPrice: bigint
  contractAddress: Uint8Array | null
  logs: { address: Uint8Array; topics: Uint8Array[]; data: Uint8Array }[]
  /** The receipt's bloom when execution already computed it (not stored: derived from the logs). */
  logsBloom?: Uint8Array
  /** Deposits: nonce of the sender before the deposit ran. */
  depositNonce?: bigint
  /** Deposits: receipt encoding version (1: depositNonce and version in the consensus encoding). */
  depositReceiptVersion?: bigint
}

const STATUS_SUCCESS = Uint8Array.of(1)
const STATUS_FAILURE = new Uint8Array(0)

/** A log as consensus encodings hold it. */
export type LogTuple = readonly [address: Uint8Array, topics: readonly Uint8Array[], data: Uint8Array]

/**
 * A non-deposit receipt as the receipts trie holds it (what @ethereumjs/vm's `encodeReceipt` gives):
 * [type ‖] rlp([status, cumulativeGasUsed, logsBloom, logs]), no type byte for a legacy tx; the
 * cumulative gas as the library writes it (bigIntToBytes: 0 is one zero byte).
 */
export function encodeTxReceipt(type: number, status: 0 | 1, cumulativeGasUsed: bigint, bloom: Uint8Array, logs: readonly LogTuple[]): Uint8Array {
  const fields: RLPInput = [status === 1 ? STATUS_SUCCESS : STATUS_FAILURE, cumulativeGasUsed === 0n ? Uint8Array.of(0) : uintBytes(cumulativeGasUsed), bloom, logs]
  return type === 0 ? encodeRLP(fields) : encodeRLP(fields, type)
}

/**
 * A deposit receipt as the receipts trie holds it (OP, Canyon and later):
 * 0x7E ‖ rlp([status, cumulativeGasUsed, logsBloom, logs, depositNonce, depositReceiptVersion]).
 */
export function encodeDepositReceipt(r: ExecutedReceipt, bloom: Uint8Array): Uint8Array {
  if (r.depositNonce === undefined || r.depositReceiptVersion === undefined) throw new TypeError('deposit receipt needs depositNonce and depositReceiptVersion')
  return encodeRLP(
    [
      r.status === 1 ? STATUS_SUCCESS : STATUS_FAILURE,
      uintBytes(r.cumulativeGasUsed),
      bloom,
      r.logs.map((log) => [log.address, log.topics, log.data]),
      uintBytes(r.depositNonce),
      uintBytes(r.depositReceiptVersion),
    ],
    DEPOSIT_TX_TYPE,
  )
}

export function encodeReceipts(receipts: ExecutedReceipt[]): Uint8Array {
  return encodeRLP(
    receipts.map((r) => {
      const fields: RLPInput[] = [
        uintBytes(BigInt(r.type)),
        uintBytes(BigInt(r.status)),
        uintBytes(r.cumulativeGasUsed),
        uintBytes(r.gasUsed),
        uintBytes(r.effectiveGasPrice),
        r.contractAddress ?? new Uint8Array(),
        r.logs.map((log) => [log.address, log.topics, log.data]),
      ]
      if (r.depositNonce !== undefined) fields.push(uintBytes(r.depositNonce), uintBytes(r.depositReceiptVersion ?? 0n))
      return fields
    }),
  )
}

export function decodeReceipts(bytes: Uint8Array): ExecutedReceipt[] {
  const decoded = RLP.decode(bytes) as unknown
  if (!Array.isArray(decoded)) throw new StorageError('corrupt receipts entry')
  return (decoded as unknown[][]).map((fields) => {
    if (fields.length !== 7 && fields.length !== 9) throw new StorageError('corrupt receipts entry')
    const [type, status, cumulative, gasUsed, price, contract, logs, depositNonce, depositReceiptVersion] = fields as [
      Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, [Uint8Array, Uint8Array[], Uint8Array][], Uint8Array?, Uint8Array?,
    ]
    const receipt: ExecutedReceipt = {
      type: Number(bytesToBigInt(type)),
      status: bytesToBigInt(status) === 1n ? 1 : 0,
      cumulativeGasUsed: bytesToBigInt(cumulative),
      gasUsed: bytesToBigInt(gasUsed),
      effectiveGasPrice: bytesToBigInt(price),
      contractAddress: contract.length === 0 ? null : contract,
      logs: logs.map(([address, topics, data]) => ({ address, topics, data })),
    }
    if (depositNonce !== undefined && depositReceiptVersion !== undefined) {
      receipt.depositNonce = bytesToBigInt(depositNonce)
      receipt.depositReceiptVersion = bytesToBigInt(depositReceiptVersion)
    }
    return receipt
  })
}

/** Bloom filter of a set of logs (addresses and topics), as in the receipt and header. */
export function logsBloom(logs: { address: Uint8Array; topics: Uint8Array[] }[]): Uint8Array {
  const bloom = new Bloom()
  for (const log of logs) {
    bloom.add(log.address)
    for (const topic of log.topics) bloom.add(topic)
  }
  return bloom.bitvector
}

/** Full receipts of a block: stored outcome + what the block says about each tx. */
export function toTxReceipts(sealed: SealedBlock, executed: ExecutedReceipt[]): TxReceipt[] {
  const { block, hash } = sealed
  let logIndex = 0
  return executed.map((r, i) => {
    const entry = transactionAt(sealed, i)
    if (entry === undefined) throw new StorageError(`receipt ${i} of block ${block.header.number} has no transaction`)
    const { from, hash: transactionHash } = entry
    const to = entry.kind === 'deposit' ? entry.deposit.tx.to : entry.tx.to === undefined ? null : entry.tx.to.bytes
    const logs: LogEntry[] = r.logs.map((log) => ({
      address: log.address,
      topics: log.topics,
      data: log.data,
      blockNumber: block.header.number,
      blockHash: hash,
      blockTimestamp: block.header.timestamp,
      transactionHash,
      transactionIndex: i,
      logIndex: logIndex++,
      removed: false,
    }))
    const receipt: TxReceipt = {
      type: r.type,
      status: r.status,
      cumulativeGasUsed: r.cumulativeGasUsed,
      gasUsed: r.gasUsed,
      effectiveGasPrice: r.effectiveGasPrice,
      logsBloom: r.logsBloom ?? logsBloom(r.logs),
      logs,
      from,
      to,
      contractAddress: r.contractAddress,
      transactionHash,
      transactionIndex: i,
      blockHash: hash,
      blockNumber: block.header.number,
    }
    if (r.depositNonce !== undefined) receipt.depositNonce = r.depositNonce
    if (r.depositReceiptVersion !== undefined) receipt.depositReceiptVersion = r.depositReceiptVersion
    return receipt
  })
}
