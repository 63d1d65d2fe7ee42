/**
 * A block's transaction list as clients see it: its deposits (type 0x7E) first, then the signed
 * transactions @ethereumjs holds in `block.transactions`. Indexes here are block tx indexes.
 */
import type { TypedTransaction } from '@ethereumjs/tx'
import type { IncludedDeposit, SealedBlock } from '../backend.ts'

export type BlockTransaction =
  | { kind: 'deposit'; deposit: IncludedDeposit; hash: Uint8Array; from: Uint8Array }
  | { kind: 'signed'; tx: TypedTransaction; hash: Uint8Array; from: Uint8Array }

export function transactionCount(sealed: SealedBlock): number {
  return (sealed.deposits?.length ?? 0) + sealed.block.transactions.length
}

/** The transaction at block index `index`, or undefined past the end (or without its sender). */
export function transactionAt(sealed: SealedBlock, index: number): BlockTransaction | undefined {
  const deposits = sealed.deposits ?? []
  if (index < 0) return undefined
  if (index < deposits.length) {
    const deposit = deposits[index] as IncludedDeposit
    return { kind: 'deposit', deposit, hash: deposit.hash, from: deposit.tx.from }
  }
  const tx = sealed.block.transactions[index - deposits.length]
  const from = sealed.senders[index - deposits.length]
  if (tx === undefined || from === undefined) return undefined
  return { kind: 'signed', tx, hash: tx.hash(), from }
}

/** Hashes of all transactions of the block, in block order. */
export function transactionHashes(sealed: SealedBlock): Uint8Array[] {
  return [...(sealed.deposits ?? []).map((d) => d.hash), ...sealed.block.transactions.map((tx) => tx.hash())]
}
