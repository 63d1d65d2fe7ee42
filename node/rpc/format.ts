/**
 * Node values → JSON-RPC result objects, exactly the fields the execution-apis schemas name (in
 * geth's order), quantities as minimal hex and data as 0x hex.
 */
import type { BlockHeader } from '@ethereumjs/block'
import type { TypedTransaction } from '@ethereumjs/tx'
import { bytesToBigInt } from '@ethereumjs/util'
import type { AccountProof, IncludedDeposit, LogEntry, SealedBlock, TxReceipt } from '../backend.ts'
import { transactionAt, transactionCount, type BlockTransaction } from '../chain/blockTransactions.ts'
import { StorageError } from '../errors.ts'
import { DEPOSIT_RECEIPT_VERSION } from '../deposits/depositTx.ts'
import { toData, toQuantity } from './hex.ts'

export type JSONObject = { [key: string]: unknown }

/** Where a mined transaction sits; null for a pool transaction. */
export interface TxPlacement {
  blockHash: Uint8Array
  blockNumber: bigint
  blockTimestamp: bigint
  index: number
  baseFeePerGas: bigint | undefined
}

export function formatHeader(header: BlockHeader, hash: Uint8Array): JSONObject {
  const out: JSONObject = {
    hash: toData(hash),
    parentHash: toData(header.parentHash),
    sha3Uncles: toData(header.uncleHash),
    miner: toData(header.coinbase.bytes),
    stateRoot: toData(header.stateRoot),
    transactionsRoot: toData(header.transactionsTrie),
    receiptsRoot: toData(header.receiptTrie),
    logsBloom: toData(header.logsBloom),
    difficulty: toQuantity(header.difficulty),
    number: toQuantity(header.number),
    gasLimit: toQuantity(header.gasLimit),
    gasUsed: toQuantity(header.gasUsed),
    timestamp: toQuantity(header.timestamp),
    extraData: toData(header.extraData),
    mixHash: toData(header.mixHash),
    nonce: toData(header.nonce),
  }
  if (header.baseFeePerGas !== undefined) out.baseFeePerGas = toQuantity(header.baseFeePerGas)
  if (header.withdrawalsRoot !== undefined) out.withdrawalsRoot = toData(header.withdrawalsRoot)
  if (header.blobGasUsed !== undefined) out.blobGasUsed = toQuantity(header.blobGasUsed)
  if (header.excessBlobGas !== undefined) out.excessBlobGas = toQuantity(header.excessBlobGas)
  if (header.parentBeaconBlockRoot !== undefined) out.parentBeaconBlockRoot = toData(header.parentBeaconBlockRoot)
  if (header.requestsHash !== undefined) out.requestsHash = toData(header.requestsHash)
  return out
}

export function formatBlock(sealed: SealedBlock, fullTransactions: boolean): JSONObject {
  const { block } = sealed
  const header = block.header
  const out = formatHeader(header, sealed.hash)
  out.size = toQuantity(sealed.size)
  out.transactions = Array.from({ length: transactionCount(sealed) }, (_, index) => {
    const entry = transactionAt(sealed, index)
    if (entry === undefined) throw new StorageError(`block ${header.number} has no sender for transaction ${index}`)
    if (!fullTransactions) return toData(entry.hash)
    return formatBlockTransaction(entry, {
      blockHash: sealed.hash,
      blockNumber: header.number,
      blockTimestamp: header.timestamp,
      index,
      baseFeePerGas: header.baseFeePerGas,
    })
  })
  out.uncles = block.uncleHeaders.map((uncle) => toData(uncle.hash()))
  if (header.withdrawalsRoot !== undefined) {
    out.withdrawals = (block.withdrawals ?? []).map((w) => ({
      index: toQuantity(w.index),
      validatorIndex: toQuantity(w.validatorIndex),
      address: toData(w.address.bytes),
      amount: toQuantity(w.amount),
    }))
  }
  return out
}

function formatAccessList(list: [Uint8Array, Uint8Array[]][]): JSONObject[] {
  return list.map(([address, keys]) => ({ address: toData(address), storageKeys: keys.map(toData) }))
}

/** A transaction as eth_getTransactionBy* return it; `placement` null for a pool transaction. */
export function formatTransaction(tx: TypedTransaction, sender: Uint8Array, placement: TxPlacement | null): JSONObject {
  const out: JSONObject = {
    blockHash: placement === null ? null : toData(placement.blockHash),
    blockNumber: placement === null ? null : toQuantity(placement.blockNumber),
    blockTimestamp: placement === null ? null : toQuantity(placement.blockTimestamp),
    from: toData(sender),
    gas: toQuantity(tx.gasLimit),
    gasPrice: '0x0',
    hash: toData(tx.hash()),
    input: toData(tx.data),
    nonce: toQuantity(tx.nonce),
    to: tx.to === undefined ? null : toData(tx.to.bytes),
    transactionIndex: placement === null ? null : toQuantity(placement.index),
    value: toQuantity(tx.value),
    type: toQuantity(tx.type),
  }
  const v = tx.v ?? 0n
  const r = toQuantity(tx.r ?? 0n)
  const s = toQuantity(tx.s ?? 0n)
  if (tx.type === 0) {
    out.gasPrice = toQuantity(tx.gasPrice)
    if (v !== 27n && v !== 28n) out.chainId = toQuantity((v - 35n) / 2n)
    Object.assign(out, { v: toQuantity(v), r, s })
    return out
  }
  if (tx.type === 1) {
    out.gasPrice = toQuantity(tx.gasPrice)
  } else if (tx.type === 2 || tx.type === 3 || tx.type === 4) {
    out.maxFeePerGas = toQuantity(tx.maxFeePerGas)
    out.maxPriorityFeePerGas = toQuantity(tx.maxPriorityFeePerGas)
    out.gasPrice = toQuantity(effectiveGasPrice(tx.maxFeePerGas, tx.maxPriorityFeePerGas, placement))
  }
  out.accessList = formatAccessList(tx.accessList)
  out.chainId = toQuantity(tx.chainId)
  if (tx.type === 4) {
    out.authorizationList = tx.authorizationList.map(([chainId, address, nonce, yParity, authR, authS]) => ({
      chainId: toQuantity(bytesToBigInt(chainId)),
      address: toData(address),
      nonce: toQuantity(bytesToBigInt(nonce)),
      yParity: toQuantity(bytesToBigInt(yParity)),
      r: toQuantity(bytesToBigInt(authR)),
      s: toQuantity(bytesToBigInt(authS)),
    }))
  }
  Object.assign(out, { v: toQuantity(v), r, s, yParity: toQuantity(v) })
  return out
}

/** A block's transaction (deposit or signed) with its placement. */
export function formatBlockTransaction(entry: BlockTransaction, placement: TxPlacement): JSONObject {
  return entry.kind === 'deposit' ? formatDepositTransaction(entry.deposit, placement) : formatTransaction(entry.tx, entry.from, placement)
}

/**
 * A deposit (type 0x7e) as op-geth returns it: no fee fields but gasPrice 0, zero v/r/s, `nonce`
 * = the sender's nonce before it ran, `sourceHash`, `mint`, `isSystemTx` only when true (op-geth's
 * newRPCTransaction sets it only then; every deposit since Regolith has it false, and viem's
 * op-stack formatter reads a missing one as undefined), and `depositReceiptVersion`.
 */
export function formatDepositTransaction(deposit: IncludedDeposit, placement: TxPlacement): JSONObject {
  const { tx } = deposit
  const out: JSONObject = {
    blockHash: toData(placement.blockHash),
    blockNumber: toQuantity(placement.blockNumber),
    blockTimestamp: toQuantity(placement.blockTimestamp),
    from: toData(tx.from),
    gas: toQuantity(tx.gas),
    gasPrice: '0x0',
    hash: toData(deposit.hash),
    input: toData(tx.data),
    nonce: toQuantity(deposit.nonce),
    to: tx.to === null ? null : toData(tx.to),
    transactionIndex: toQuantity(placement.index),
    value: toQuantity(tx.value),
    type: toQuantity(0x7e),
    v: '0x0',
    r: '0x0',
    s: '0x0',
    sourceHash: toData(tx.sourceHash),
    mint: toQuantity(tx.mint),
  }
  if (tx.isSystemTx) out.isSystemTx = true
  out.depositReceiptVersion = toQuantity(DEPOSIT_RECEIPT_VERSION)
  return out
}

/** Mined: base fee + tip capped at the fee cap. In the pool: the fee cap (what geth shows). */
function effectiveGasPrice(maxFee: bigint, maxTip: bigint, placement: TxPlacement | null): bigint {
  if (placement === null || placement.baseFeePerGas === undefined) return maxFee
  const withTip = placement.baseFeePerGas + maxTip
  return withTip < maxFee ? withTip : maxFee
}

export function formatLog(log: LogEntry): JSONObject {
  return {
    address: toData(log.address),
    topics: log.topics.map(toData),
    data: toData(log.data),
    blockNumber: toQuantity(log.blockNumber),
    transactionHash: toData(log.transactionHash),
    transactionIndex: toQuantity(log.transactionIndex),
    blockHash: toData(log.blockHash),
    blockTimestamp: toQuantity(log.blockTimestamp),
    logIndex: toQuantity(log.logIndex),
    removed: log.removed,
  }
}

export function formatReceipt(receipt: TxReceipt): JSONObject {
  const out: JSONObject = {
    type: toQuantity(receipt.type),
    status: toQuantity(receipt.status),
    cumulativeGasUsed: toQuantity(receipt.cumulativeGasUsed),
    logsBloom: toData(receipt.logsBloom),
    logs: receipt.logs.map(formatLog),
    transactionHash: toData(receipt.transactionHash),
    transactionIndex: toQuantity(receipt.transactionIndex),
    blockHash: toData(receipt.blockHash),
    blockNumber: toQuantity(receipt.blockNumber),
    gasUsed: toQuantity(receipt.gasUsed),
    effectiveGasPrice: toQuantity(receipt.effectiveGasPrice),
    from: toData(receipt.from),
    to: receipt.to === null ? null : toData(receipt.to),
    contractAddress: receipt.contractAddress === null ? null : toData(receipt.contractAddress),
  }
  if (receipt.depositNonce !== undefined) out.depositNonce = toQuantity(receipt.depositNonce)
  if (receipt.depositReceiptVersion !== undefined) out.depositReceiptVersion = toQuantity(receipt.depositReceiptVersion)
  return out
}

export function formatProof(proof: AccountProof): JSONObject {
  return {
    address: toData(proof.address),
    accountProof: proof.accountProof.map(toData),
    balance: toQuantity(proof.balance),
    codeHash: toData(proof.codeHash),
    nonce: toQuantity(proof.nonce),
    storageHash: toData(proof.storageHash),
    storageProof: proof.storageProof.map((entry) => ({
      key: toData(entry.key),
      value: toQuantity(entry.value),
      proof: entry.proof.map(toData),
    })),
  }
}

/** eth_feeHistory's result before encoding; `reward` only when percentiles were asked for. */
export interface FeeHistory {
  oldestBlock: bigint
  /** One per block plus the base fee of the block after the newest. */
  baseFeePerGas: bigint[]
  gasUsedRatio: number[]
  reward?: bigint[][]
}

export function formatFeeHistory(history: FeeHistory): JSONObject {
  const out: JSONObject = {
    oldestBlock: toQuantity(history.oldestBlock),
    baseFeePerGas: history.baseFeePerGas.map(toQuantity),
    gasUsedRatio: history.gasUsedRatio,
  }
  if (history.reward !== undefined) out.reward = history.reward.map((block) => block.map(toQuantity))
  return out
}
