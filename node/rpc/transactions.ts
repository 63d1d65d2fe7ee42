/** A block's transaction at an index, formatted with its placement; null when out of range. */
import type { SealedBlock } from '../backend.ts'
import { formatTransaction, type JSONObject } from './format.ts'

export function transactionInBlock(sealed: SealedBlock, index: number): JSONObject | null {
  const tx = sealed.block.transactions[index]
  const sender = sealed.senders[index]
  if (tx === undefined || sender === undefined) return null
  const header = sealed.block.header
  return formatTransaction(tx, sender, {
    blockHash: sealed.hash,
    blockNumber: header.number,
    blockTimestamp: header.timestamp,
    index,
    baseFeePerGas: header.baseFeePerGas,
  })
}
