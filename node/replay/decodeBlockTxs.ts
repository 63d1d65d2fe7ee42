/**
 * A batch block's transactions (EIP-2718 bytes) decoded and checked up front, all of them before the
 * block executes: structure, type, EIP-155, chain id, signature (senders recovered with the native
 * secp256k1 binding configured on the chain's Common), intrinsic gas, fee caps against the floor —
 * the stateless admission checks of the tx pool (node/txpool/validateTransaction.ts), with its
 * messages. Nonce, balance, base fee and block gas depend on the state and are checked by execution.
 *
 * No size limit is applied: the pool's maxTxBytes is a node's local setting, and a replica must not
 * reject what a differently configured sequencer sealed.
 */
import { bytesToHex } from '@ethereumjs/util'
import type { Common } from '@ethereumjs/common'
import type { PooledTransaction } from '../backend.ts'
import { keccak256 } from '../keccak256.ts'
import { decodeTransaction } from '../txpool/decodeTransaction.ts'
import { validateTransaction } from '../txpool/validateTransaction.ts'

export interface BlockTxRules {
  common: Common
  blockGasLimit: bigint
  baseFeeFloor: bigint
}

/** Why tx `index` of a block cannot be included. */
export interface TxFailure {
  index: number
  reason: string
}

export interface DecodedBlockTxs {
  /** The txs before the first failing one (all of them when `failure` is undefined), senders recovered. */
  txs: PooledTransaction[]
  failure: TxFailure | undefined
}

/** `tx <index> (<hash>): <message>`: the reason format of every tx a replayed block cannot include. */
export function txFailure(index: number, raw: Uint8Array, message: string): TxFailure {
  return { index, reason: `tx ${index} (${bytesToHex(keccak256(raw))}): ${message}` }
}

export function decodeBlockTxs(raws: readonly Uint8Array[], rules: BlockTxRules): DecodedBlockTxs {
  const statelessRules = { common: rules.common, maxTxBytes: Number.MAX_SAFE_INTEGER, blockGasLimit: rules.blockGasLimit, baseFeeFloor: rules.baseFeeFloor }
  const txs: PooledTransaction[] = []
  for (let index = 0; index < raws.length; index++) {
    const raw = raws[index]!
    try {
      const validated = validateTransaction(decodeTransaction(raw), statelessRules)
      if ('unbuildable' in validated.tx) return { txs, failure: txFailure(index, raw, `invalid transaction: ${validated.tx.unbuildable}`) }
      txs.push({ tx: validated.tx, hash: validated.decoded.hash, sender: validated.sender, raw })
    } catch (error) {
      return { txs, failure: txFailure(index, raw, (error as Error).message) }
    }
  }
  return { txs, failure: undefined }
}
