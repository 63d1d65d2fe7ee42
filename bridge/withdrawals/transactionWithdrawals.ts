/**
 * An L2 transaction and the withdrawals it initiated: located in the chain, its receipt read, its
 * MessagePassed logs decoded. Unknown and still-pending transactions are ResourceNotFoundErrors whose
 * text says what to do next.
 */
import { bytesToHex } from '@ethereumjs/util'
import type { NodeBackend } from '../../node/backend.ts'
import { ResourceNotFoundError, StorageError } from '../../node/errors.ts'
import { withdrawalsOfLogs, type InitiatedWithdrawal } from './messagePassed.ts'

export interface TransactionWithdrawals {
  transactionHash: Uint8Array
  blockNumber: bigint
  blockHash: Uint8Array
  /** Receipt status: 1 success, 0 reverted (a reverted tx initiated nothing). */
  receiptStatus: 0 | 1
  withdrawals: InitiatedWithdrawal[]
}

export async function transactionWithdrawals(l2: Pick<NodeBackend, 'chain' | 'txpool'>, txHash: Uint8Array): Promise<TransactionWithdrawals> {
  const location = await l2.chain.getTransactionLocation(txHash)
  if (location === undefined) {
    if (l2.txpool.get(txHash) !== undefined) {
      throw new ResourceNotFoundError(`transaction ${bytesToHex(txHash)} is pending: it is not in a block yet; ask again once it is mined`)
    }
    throw new ResourceNotFoundError(`transaction ${bytesToHex(txHash)} not found on this L2 chain: check the hash and that this RPC serves the chain you sent it to`)
  }
  const receipts = await l2.chain.getReceipts(location.blockHash)
  const receipt = receipts?.[location.index]
  if (receipt === undefined) throw new StorageError(`receipt of transaction ${bytesToHex(txHash)} is missing from block ${location.blockNumber}`)
  return {
    transactionHash: txHash,
    blockNumber: location.blockNumber,
    blockHash: location.blockHash,
    receiptStatus: receipt.status,
    withdrawals: receipt.status === 1 ? withdrawalsOfLogs(receipt.logs) : [],
  }
}
