/**
 * Stored receipts of one block (`receipts` sublevel): RLP list, per tx
 * [type, status, cumulativeGasUsed, gasUsed, effectiveGasPrice, contractAddress (or empty), [[address, [topic…], data]…]].
 * Everything else a TxReceipt carries (hashes, sender, block position, bloom) is derived from the
 * block on read.
 */
import { RLP } from '@ethereumjs/rlp'
import { Bloom } from '@ethereumjs/vm'
import { bigIntToUnpaddedBytes, bytesToBigInt } from '@ethereumjs/util'
import type { LogEntry, SealedBlock, TxReceipt } from '../backend.ts'
import { StorageError } from '../errors.ts'

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
}

export function encodeReceipts(receipts: ExecutedReceipt[]): Uint8Array {
  return RLP.encode(
    receipts.map((r) => [
      bigIntToUnpaddedBytes(BigInt(r.type)),
      bigIntToUnpaddedBytes(BigInt(r.status)),
      bigIntToUnpaddedBytes(r.cumulativeGasUsed),
      bigIntToUnpaddedBytes(r.gasUsed),
      bigIntToUnpaddedBytes(r.effectiveGasPrice),
      r.contractAddress ?? new Uint8Array(),
      r.logs.map((log) => [log.address, log.topics, log.data]),
    ]),
  )
}

export function decodeReceipts(bytes: Uint8Array): ExecutedReceipt[] {
  const decoded = RLP.decode(bytes) as unknown
  if (!Array.isArray(decoded)) throw new StorageError('corrupt receipts entry')
  return (decoded as unknown[][]).map((fields) => {
    const [type, status, cumulative, gasUsed, price, contract, logs] = fields as [
      Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, [Uint8Array, Uint8Array[], Uint8Array][],
    ]
    return {
      type: Number(bytesToBigInt(type)),
      status: bytesToBigInt(status) === 1n ? 1 : 0,
      cumulativeGasUsed: bytesToBigInt(cumulative),
      gasUsed: bytesToBigInt(gasUsed),
      effectiveGasPrice: bytesToBigInt(price),
      contractAddress: contract.length === 0 ? null : contract,
      logs: logs.map(([address, topics, data]) => ({ address, topics, data })),
    }
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
    const tx = block.transactions[i]
    const from = sealed.senders[i]
    if (tx === undefined || from === undefined) throw new StorageError(`receipt ${i} of block ${block.header.number} has no transaction`)
    const transactionHash = tx.hash()
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
    return {
      type: r.type,
      status: r.status,
      cumulativeGasUsed: r.cumulativeGasUsed,
      gasUsed: r.gasUsed,
      effectiveGasPrice: r.effectiveGasPrice,
      logsBloom: r.logsBloom ?? logsBloom(r.logs),
      logs,
      from,
      to: tx.to === undefined ? null : tx.to.bytes,
      contractAddress: r.contractAddress,
      transactionHash,
      transactionIndex: i,
      blockHash: hash,
      blockNumber: block.header.number,
    }
  })
}
