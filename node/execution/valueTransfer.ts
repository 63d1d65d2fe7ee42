/**
 * A plain value transfer between two code-less accounts, applied without the EVM.
 *
 * Most txs of a payment-heavy chain are these, and `runTx` spends most of its time on what they do
 * not need (warm sets, journal checkpoints, the call frame, the receipt machinery). Their effect is
 * fixed by the protocol: the sender pays 21,000 gas at the effective gas price plus the value and
 * its nonce goes up by one, the recipient gets the value, the coinbase gets 21,000 × the effective
 * tip, and an account left empty after being touched is removed (EIP-161). This module applies
 * exactly that through the same state manager, so the block-level checkpoint, caches and flush see
 * the same writes `runTx` would make.
 *
 * It only takes a tx when nothing about it can differ from that: tx types 0, 1 and 2 with a
 * recipient, no calldata and no access list; the recipient has no code and is not a precompile
 * (nor any address below 0x10000, where precompiles live); sender, recipient and coinbase are three
 * different accounts; the sender has no code; the recipient and coinbase are not stored empty; and
 * every validity check (gas limit against block and intrinsic gas, fee cap against base fee,
 * balance for the upfront and maximum cost, nonce) passes. Anything else returns undefined and the
 * caller runs `runTx`, which then gives the precise error or the full execution.
 * test/node/execution/valueTransfer.test.ts runs every case through both paths and compares roots
 * and receipts.
 */
import { Account, Address, KECCAK256_NULL, equalsBytes } from '@ethereumjs/util'
import { Capability } from '@ethereumjs/tx'
import type { AccessList2930Tx, FeeMarket1559Tx, TypedTransaction } from '@ethereumjs/tx'
import type { StateManagerInterface } from '@ethereumjs/common'

/** Gas of a value transfer without calldata or access list (intrinsic = EIP-7623 floor here). */
export const TRANSFER_GAS = 21_000n

export interface ValueTransferContext {
  state: StateManagerInterface
  coinbase: Address
  baseFeePerGas: bigint
  blockGasLimit: bigint
}

export interface ValueTransferResult {
  /** Effective tip per gas paid to the coinbase. */
  tipPerGas: bigint
}

/** True when the address is one of the first 65,536 (precompiles, present and future, live there). */
function isLowAddress(bytes: Uint8Array): boolean {
  for (let i = 0; i < 18; i++) if (bytes[i] !== 0) return false
  return true
}

function isCodeless(account: Account): boolean {
  return equalsBytes(account.codeHash, KECCAK256_NULL)
}

/** The tx's shape allows the shortcut (nothing read from state yet). */
function isPlainTransfer(tx: TypedTransaction): tx is TypedTransaction & { to: Address } {
  if (tx.type !== 0 && tx.type !== 1 && tx.type !== 2) return false
  if (tx.to === undefined || tx.data.length !== 0) return false
  if (tx.supports(Capability.EIP2930AccessLists) && (tx as AccessList2930Tx).accessList.length !== 0) return false
  return !isLowAddress(tx.to.bytes)
}

/**
 * Applies `tx` (sent by `sender`) as a value transfer, or returns undefined without writing
 * anything when the tx is not one or would not be valid (the caller then runs it with `runTx`).
 */
export async function applyValueTransfer(ctx: ValueTransferContext, tx: TypedTransaction, sender: Uint8Array): Promise<ValueTransferResult | undefined> {
  if (!isPlainTransfer(tx)) return undefined
  const to = tx.to
  const coinbase = ctx.coinbase
  if (equalsBytes(sender, to.bytes) || equalsBytes(sender, coinbase.bytes) || equalsBytes(to.bytes, coinbase.bytes)) return undefined
  if (tx.gasLimit > ctx.blockGasLimit || tx.gasLimit < TRANSFER_GAS) return undefined

  const baseFee = ctx.baseFeePerGas
  let tipPerGas: bigint
  let maxCost: bigint
  if (tx.supports(Capability.EIP1559FeeMarket)) {
    const t = tx as FeeMarket1559Tx
    if (t.maxFeePerGas < baseFee) return undefined
    const room = t.maxFeePerGas - baseFee
    tipPerGas = t.maxPriorityFeePerGas < room ? t.maxPriorityFeePerGas : room
    maxCost = tx.value + tx.gasLimit * t.maxFeePerGas
  } else {
    const gasPrice = (tx as { gasPrice: bigint }).gasPrice
    if (gasPrice < baseFee) return undefined
    tipPerGas = gasPrice - baseFee
    maxCost = tx.value + tx.gasLimit * gasPrice
  }
  const gasPrice = baseFee + tipPerGas
  const upfrontCost = tx.gasLimit * gasPrice + tx.value

  const senderAddress = new Address(sender)
  const from = await ctx.state.getAccount(senderAddress)
  if (from === undefined || !isCodeless(from) || from.nonce !== tx.nonce) return undefined
  if (from.balance < upfrontCost || from.balance < maxCost) return undefined
  const recipient = await ctx.state.getAccount(to)
  if (recipient !== undefined && (!isCodeless(recipient) || recipient.isEmpty())) return undefined
  const miner = await ctx.state.getAccount(coinbase)
  if (miner !== undefined && miner.isEmpty()) return undefined

  from.nonce += 1n
  from.balance -= TRANSFER_GAS * gasPrice + tx.value
  await ctx.state.putAccount(senderAddress, from)
  // A zero-value transfer to a missing account touches it and EIP-161 removes it again: not created.
  if (recipient !== undefined || tx.value !== 0n) {
    const account = recipient ?? new Account()
    account.balance += tx.value
    await ctx.state.putAccount(to, account)
  }
  const reward = TRANSFER_GAS * tipPerGas
  if (miner !== undefined || reward !== 0n) {
    const account = miner ?? new Account()
    account.balance += reward
    await ctx.state.putAccount(coinbase, account)
  }
  return { tipPerGas }
}
