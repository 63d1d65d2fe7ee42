/**
 * The stateless half of admission: everything that can be decided from the transaction and the
 * chain rules alone, in the order admission promises (size, type, EIP-155, chain id, signature,
 * block gas limit, intrinsic gas, fee caps). The sender is recovered here, once, and kept.
 * Messages are geth's (core/txpool, core, core/types), with geth's detail suffixes.
 */
import { createTx, paramsTx } from '@ethereumjs/tx'
import {
  SECP256K1_ORDER,
  SECP256K1_ORDER_DIV_2,
  bigIntToUnpaddedBytes,
  bytesToHex,
  ecrecover,
  setLengthLeft,
  toChecksumAddress,
} from '@ethereumjs/util'
import { TransactionRejectedError } from '../errors.ts'
import { recoveryIdFromV } from '../crypto.ts'
import { keccak256 } from '../keccak256.ts'
import { encodeRLP, uintBytes } from '../chain/encodeRLP.ts'
import { PRELOADED_PARAMS } from '../execution/chainCommon.ts'
import { TxType } from './decodeTransaction.ts'
import { libraryTxBuilder } from './libraryTx.ts'
import type { Common } from '@ethereumjs/common'
import type { TypedTransaction, TypedTxData } from '@ethereumjs/tx'
import type { DecodedTransaction } from './decodeTransaction.ts'
import type { SenderRecovery } from './senderRecovery.ts'

export interface StatelessRules {
  common: Common
  /** Largest serialized transaction accepted, in bytes. */
  maxTxBytes: number
  blockGasLimit: bigint
  /** The base fee never goes below this; a fee cap under it can never be included. */
  baseFeeFloor: bigint
}

export interface ValidatedTransaction {
  decoded: DecodedTransaction
  sender: Uint8Array
  /** 64-byte uncompressed public key (no 0x04 prefix), as @ethereumjs/tx caches it. */
  senderPublicKey: Uint8Array
  /**
   * The @ethereumjs/tx object with sender and hash cached, or the library's reason for refusing to
   * build it (only fee products over 2^256 get that far, and the balance check refuses those first).
   */
  tx: TypedTransaction | { unbuildable: string }
}

const MAX_UINT64 = (1n << 64n) - 1n
const INVALID_SIGNATURE = 'invalid sender: invalid transaction v, r, s values'

function reject(message: string): never {
  throw new TransactionRejectedError(message)
}


/**
 * Prepares a Common for admission checks: loads the tx-level gas parameters it reads, so txs built
 * with `params: PRELOADED_PARAMS` need not merge them again (a Common from createChainCommon then
 * also skips rebuilding its parameter cache per tx).
 */
export function prepareCommon(common: Common): void {
  common.updateParams(paramsTx)
}

/** Runs every stateless check and recovers the sender. Throws TransactionRejectedError. */
export function validateTransaction(decoded: DecodedTransaction, rules: StatelessRules): ValidatedTransaction {
  checkBeforeRecovery(decoded, rules)
  return checkAfterRecovery(decoded, rules, recoverPublicKey(decoded, rules.common))
}

/**
 * validateTransaction with the sender recovered by `recovery` (a worker thread for bulk
 * admission): the same checks in the same order, the same results and messages.
 */
export async function validateTransactionAsync(decoded: DecodedTransaction, rules: StatelessRules, recovery: SenderRecovery): Promise<ValidatedTransaction> {
  checkBeforeRecovery(decoded, rules)
  const { message, v, r, s, chainId } = signingInput(decoded)
  const recid = recoveryIdFromV(v, chainId)
  if (recid !== 0 && recid !== 1) reject(INVALID_SIGNATURE)
  const signature = new Uint8Array(64)
  signature.set(setLengthLeft(bigIntToUnpaddedBytes(r), 32), 0)
  signature.set(setLengthLeft(bigIntToUnpaddedBytes(s), 32), 32)
  const publicKey = await recovery.recover({ message, signature, recid })
  if (publicKey === undefined) reject(INVALID_SIGNATURE)
  return checkAfterRecovery(decoded, rules, publicKey)
}

/** The checks admission makes before sender recovery (size, type, EIP-155, chain id). */
function checkBeforeRecovery(decoded: DecodedTransaction, rules: StatelessRules): void {
  const { common } = rules
  if (decoded.size > rules.maxTxBytes) {
    reject(`oversized data: transaction size ${decoded.size}, limit ${rules.maxTxBytes}`)
  }
  if (decoded.type === TxType.Blob) {
    reject('transaction type not supported: blob transactions (type 3) are not supported')
  }
  if (decoded.type === TxType.SetCode) {
    if (decoded.to === undefined) reject('EIP-7702 transaction cannot be used to create contract')
    if (decoded.authorizationList.length === 0) reject('set code tx must have at least one authorization tuple')
  }
  if (decoded.to === undefined && common.isActivatedEIP(3860)) {
    const limit = Number(common.param('maxInitCodeSize'))
    if (decoded.data.length > limit) {
      reject(`max initcode size exceeded: code size ${decoded.data.length}, limit ${limit}`)
    }
  }
  if (!decoded.replayProtected) reject('only replay-protected (EIP-155) transactions allowed over RPC')
  const chainId = common.chainId()
  if (decoded.chainId !== undefined && decoded.chainId !== chainId) {
    reject(`invalid sender: invalid chain id for signer: have ${decoded.chainId} want ${chainId}`)
  }
}

/** The checks after recovery (nonce, gas, fees), and the tx object built for the pool. */
function checkAfterRecovery(decoded: DecodedTransaction, rules: StatelessRules, senderPublicKey: Uint8Array): ValidatedTransaction {
  const { common } = rules
  const sender = keccak256(senderPublicKey).subarray(12)
  let tx: TypedTransaction | { unbuildable: string } = { unbuildable: 'tip above fee cap' }
  checkGasAndFees(decoded, rules, sender, () => {
    // Build the library's tx now when it can be built (its constructor refuses tip > fee cap, which
    // is checked below): its intrinsic gas is the one execution applies, and it is kept for the pool.
    if (decoded.tipCap <= decoded.feeCap) tx = libraryTxBuilder(common).build(decoded, senderPublicKey, sender)
    return 'unbuildable' in tx ? minimumGas(decoded, common) : { intrinsic: tx.getIntrinsicGas(), minimum: tx.getMinimumGasLimit() }
  })
  return { decoded, sender, senderPublicKey, tx }
}

/** Nonce, block gas limit, intrinsic gas (from `gasOf`, asked after the block gas limit check) and fee checks, in admission's order. */
function checkGasAndFees(decoded: DecodedTransaction, rules: StatelessRules, sender: Uint8Array, gasOf: () => { intrinsic: bigint; minimum: bigint }): void {
  if (decoded.nonce === MAX_UINT64) reject('nonce has max value')
  if (decoded.gasLimit > rules.blockGasLimit) reject('exceeds block gas limit')
  const { intrinsic, minimum } = gasOf()
  if (decoded.gasLimit < intrinsic) {
    reject(`intrinsic gas too low: gas ${decoded.gasLimit}, minimum needed ${intrinsic}`)
  }
  if (decoded.gasLimit < minimum) {
    reject(`insufficient gas for floor data gas cost: gas ${decoded.gasLimit}, minimum needed ${minimum}`)
  }
  if (decoded.tipCap > decoded.feeCap) reject('max priority fee per gas higher than max fee per gas')
  if (decoded.feeCap < rules.baseFeeFloor) {
    reject(
      `max fee per gas less than block base fee: address ${toChecksumAddress(bytesToHex(sender))}, ` +
        `maxFeePerGas: ${decoded.feeCap}, baseFee: ${rules.baseFeeFloor}`,
    )
  }
}

/** A value transfer: no calldata, no access list, a recipient, type 0–2. Its intrinsic gas and floor are both the base tx gas. */
function isValueTransfer(decoded: DecodedTransaction): boolean {
  return decoded.type <= TxType.DynamicFee && decoded.to !== undefined && decoded.data.length === 0 && decoded.accessList.length === 0
}

/**
 * validateTransaction's checks, in its order and with its messages, for a caller that keeps only
 * the sender (a replica's check workers). A value transfer is not built into a library tx here (its
 * intrinsic gas and floor are the base tx gas); if the library could not build it, the replica's
 * own build refuses it with the text validateTransaction would give (`invalid transaction: …`).
 */
export function checkTransaction(decoded: DecodedTransaction, rules: StatelessRules): { sender: Uint8Array; senderPublicKey: Uint8Array; built: TypedTransaction | { unbuildable: string } | undefined } {
  checkBeforeRecovery(decoded, rules)
  const senderPublicKey = recoverPublicKey(decoded, rules.common)
  if (!isValueTransfer(decoded)) {
    const validated = checkAfterRecovery(decoded, rules, senderPublicKey)
    return { sender: validated.sender, senderPublicKey, built: validated.tx }
  }
  const sender = keccak256(senderPublicKey).subarray(12)
  const txGas = rules.common.param('txGas')
  checkGasAndFees(decoded, rules, sender, () => ({ intrinsic: txGas, minimum: txGas }))
  return { sender, senderPublicKey, built: undefined }
}

/** Checks the signature values (EIP-2 low s); the signing hash and what recovery needs. */
function signingInput(decoded: DecodedTransaction): { message: Uint8Array; v: bigint; r: bigint; s: bigint; chainId: bigint | undefined } {
  const { v, r, s } = decoded
  if (r === 0n || r >= SECP256K1_ORDER || s === 0n || s > SECP256K1_ORDER_DIV_2) reject(INVALID_SIGNATURE)
  let message: Uint8Array
  let chainId: bigint | undefined
  if (decoded.type === TxType.Legacy) {
    // Only EIP-155 signatures get here: v = 2·chainId + 35 or 36.
    if (decoded.chainId === undefined) reject(INVALID_SIGNATURE)
    chainId = decoded.chainId
    message = keccak256(encodeRLP([...decoded.fields.slice(0, 6), uintBytes(chainId), new Uint8Array(0), new Uint8Array(0)]))
  } else {
    if (v > 1n) reject(INVALID_SIGNATURE)
    message = keccak256(encodeRLP(decoded.fields, decoded.type))
  }
  return { message, v, r, s, chainId }
}

/** Checks the signature values and recovers the 64-byte public key on this thread. */
function recoverPublicKey(decoded: DecodedTransaction, common: Common): Uint8Array {
  const { message, v, r, s, chainId } = signingInput(decoded)
  const recover = common.customCrypto.ecrecover ?? ecrecover
  try {
    return recover(message, v, uintBytes(r), uintBytes(s), chainId)
  } catch {
    reject(INVALID_SIGNATURE)
  }
}

/** Intrinsic gas and the EIP-7623 floor from an unsigned copy (for txs the library cannot build). */
function minimumGas(decoded: DecodedTransaction, common: Common): { intrinsic: bigint; minimum: bigint } {
  const data: TypedTxData = {
    type: decoded.type,
    to: decoded.to,
    value: decoded.value,
    data: decoded.data,
    gasLimit: decoded.gasLimit,
    ...(decoded.type === TxType.Legacy ? {} : { chainId: common.chainId(), accessList: decoded.accessList }),
    ...(decoded.type === TxType.SetCode ? { authorizationList: decoded.authorizationList } : {}),
  } as TypedTxData
  try {
    const unsigned = createTx(data, { common, params: PRELOADED_PARAMS })
    return { intrinsic: unsigned.getIntrinsicGas(), minimum: unsigned.getMinimumGasLimit() }
  } catch (err) {
    // Only fields @ethereumjs/tx refuses and the structural decoding let through get here.
    reject(`invalid transaction: ${err instanceof Error ? err.message : String(err)}`)
  }
}
