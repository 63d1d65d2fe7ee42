/** A block's transaction at an index (deposits first), formatted with its placement; null when out of range. */
import type { SealedBlock } from '../backend.ts'
import { transactionAt } from '../chain/blockTransactions.ts'
import { formatBlockTransaction, type JSONObject } from './format.ts'

export function transactionInBlock(sealed: SealedBlock, index: number): JSONObject | null {
  const entry = transactionAt(sealed, index)
  if (entry === undefined) return null
  const header = sealed.block.header
  return formatBlockTransaction(entry, {
    blockHash: sealed.hash,
    blockNumber: header.number,
    blockTimestamp: header.timestamp,
    index,
    baseFeePerGas: header.baseFeePerGas,
  })
}
