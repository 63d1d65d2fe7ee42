/** A transaction as the pool holds it: the pooled tx plus the numbers admission and ordering use. */
import { bytesToHex } from '@ethereumjs/util'
import type { PooledTransaction } from '../backend.ts'
import type { FeeCaps } from './fees.ts'

export interface PoolEntry extends FeeCaps {
  pooled: PooledTransaction
  /** Sender as lower-case 0x hex (the key of TxPoolContent). */
  senderKey: string
  nonce: bigint
  gasLimit: bigint
  /** gasLimit · feeCap + value. */
  cost: bigint
  /** Admission sequence number: earlier wins ties. */
  seq: number
}

/** Lower-case 0x hex of an address: the pool's sender key. */
export function senderKeyOf(address: Uint8Array): string {
  return bytesToHex(address)
}
