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
import { checkTransaction, validateTransaction } from '../txpool/validateTransaction.ts'
import { libraryTxBuilder } from '../txpool/libraryTx.ts'

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

/** What the checks learned of one tx, as plain bytes (a worker thread sends these back). */
export interface CheckedTx {
  hash: Uint8Array
  sender: Uint8Array
  /** 64 bytes, no 0x04 prefix. */
  senderPublicKey: Uint8Array
}

export interface CheckedBlockTxs {
  /** The txs before the first failing one. */
  checked: CheckedTx[]
  failure: TxFailure | undefined
}

function statelessRules(rules: BlockTxRules) {
  return { common: rules.common, maxTxBytes: Number.MAX_SAFE_INTEGER, blockGasLimit: rules.blockGasLimit, baseFeeFloor: rules.baseFeeFloor }
}

/** Checks and builds every tx on this thread. */
export function decodeBlockTxs(raws: readonly Uint8Array[], rules: BlockTxRules): DecodedBlockTxs {
  const stateless = statelessRules(rules)
  const txs: PooledTransaction[] = []
  for (let index = 0; index < raws.length; index++) {
    const raw = raws[index]!
    try {
      const validated = validateTransaction(decodeTransaction(raw), stateless)
      if ('unbuildable' in validated.tx) return { txs, failure: txFailure(index, raw, `invalid transaction: ${validated.tx.unbuildable}`) }
      txs.push({ tx: validated.tx, hash: validated.decoded.hash, sender: validated.sender, raw })
    } catch (error) {
      return { txs, failure: txFailure(index, raw, (error as Error).message) }
    }
  }
  return { txs, failure: undefined }
}

/**
 * The checks of decodeBlockTxs for `raws`, which are txs `offset`… of their block (failure indexes
 * count from the block's first tx); what a worker thread runs.
 */
export function checkBlockTxs(raws: readonly Uint8Array[], rules: BlockTxRules, offset = 0): CheckedBlockTxs {
  const stateless = statelessRules(rules)
  const checked: CheckedTx[] = []
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i]!
    try {
      const decoded = decodeTransaction(raw)
      const { sender, senderPublicKey, built } = checkTransaction(decoded, stateless)
      if (built !== undefined && 'unbuildable' in built) return { checked, failure: txFailure(offset + i, raw, `invalid transaction: ${built.unbuildable}`) }
      checked.push({ hash: decoded.hash, sender, senderPublicKey })
    } catch (error) {
      return { checked, failure: txFailure(offset + i, raw, (error as Error).message) }
    }
  }
  return { checked, failure: undefined }
}

/**
 * The @ethereumjs tx objects for checked txs, with sender and hash cached (no second recovery);
 * `raws` are txs `offset`… of their block (failure indexes count from the block's first tx).
 */
export function buildBlockTxs(raws: readonly Uint8Array[], checked: CheckedBlockTxs, common: Common, offset = 0): DecodedBlockTxs {
  const builder = libraryTxBuilder(common)
  const txs: PooledTransaction[] = []
  for (let index = 0; index < checked.checked.length; index++) {
    const raw = raws[index]!
    const { hash, sender, senderPublicKey } = checked.checked[index]!
    let tx
    try {
      // The worker decoded these bytes already; decoding again here is cheaper than sending the fields.
      tx = builder.build(decodeTransaction(raw, hash), senderPublicKey, sender)
    } catch (error) {
      return { txs, failure: txFailure(offset + index, raw, (error as Error).message) }
    }
    if ('unbuildable' in tx) return { txs, failure: txFailure(offset + index, raw, `invalid transaction: ${tx.unbuildable}`) }
    txs.push({ tx, hash, sender, raw })
  }
  return { txs, failure: checked.failure }
}
